package berth.container;

import java.util.List;

/** {@code GET /containers/{id}/top}: ps's column titles and one row of cells per process. */
public record TopResult(List<String> titles, List<List<String>> processes) {
    public TopResult {
        titles = List.copyOf(titles);
        processes = processes.stream().map(List::copyOf).toList();
    }
}

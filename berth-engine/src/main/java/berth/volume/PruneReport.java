package berth.volume;

import java.util.List;

/** What a prune removed, and the bytes their data took. */
public record PruneReport(List<String> removed, long spaceReclaimed) {
    public PruneReport {
        removed = List.copyOf(removed);
    }
}

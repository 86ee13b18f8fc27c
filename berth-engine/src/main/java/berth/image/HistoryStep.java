package berth.image;

import java.time.Instant;
import java.util.List;

/**
 * One row of {@code docker image history}, newest first.
 *
 * @param id        the image this step made when it is known locally (the image itself and its
 *                  parents), else {@code <missing>}
 * @param tags      that image's tags; empty for {@code <missing>}
 * @param size      bytes the step's layer adds; 0 for a step that made no layer
 */
public record HistoryStep(String id, Instant created, String createdBy, List<String> tags, long size, String comment) {
    public HistoryStep {
        tags = List.copyOf(tags);
    }
}

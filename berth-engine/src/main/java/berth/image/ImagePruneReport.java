package berth.image;

import java.util.List;

/** What {@code image prune} removed and how many bytes it gave back. */
public record ImagePruneReport(List<ImageDeleteResult> deleted, long spaceReclaimed) {
    public ImagePruneReport {
        deleted = List.copyOf(deleted);
    }
}

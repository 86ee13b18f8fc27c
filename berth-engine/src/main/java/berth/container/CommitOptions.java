package berth.container;

import berth.image.ImageConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code docker commit}'s options ({@code POST /commit}).
 *
 * @param reference {@code repo[:tag]} for the new image; empty leaves it untagged
 * @param author    the image's author ({@code -a})
 * @param comment   the commit message ({@code -m})
 * @param pause     freeze a running container while its changes are read (Docker's default: true)
 * @param changes   Dockerfile instructions applied to the config ({@code -c}), as {@code docker import} takes
 * @param config    a config to use instead of the container's (the request body); what it leaves
 *                  empty is still taken from the container's, as Docker merges them
 */
public record CommitOptions(Optional<String> reference, String author, String comment, boolean pause,
                            List<String> changes, Optional<ImageConfig> config) {
    public CommitOptions {
        Objects.requireNonNull(reference);
        author = Objects.requireNonNullElse(author, "");
        comment = Objects.requireNonNullElse(comment, "");
        changes = List.copyOf(changes);
        Objects.requireNonNull(config);
    }

    /** Docker's defaults: untagged, pausing, the container's own config. */
    public static CommitOptions defaults() {
        return new CommitOptions(Optional.empty(), "", "", true, List.of(), Optional.empty());
    }
}

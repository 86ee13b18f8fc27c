package berth.image;

import berth.content.Digest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ImageService#commit} makes of a layer: the new image's parent, its run-time config and
 * the history entry it adds (Docker's {@code CommitConfig}). The new image keeps the parent's
 * architecture, OS, history and layers and adds its own on top.
 *
 * @param parent      the image the layer was made on; empty for a layer on nothing ({@code FROM scratch})
 * @param config      the new image's run-time config, complete (nothing is inherited from the parent's)
 * @param createdBy   the history entry's {@code created_by}: the container's command for a commit,
 *                    {@code /bin/sh -c #(nop) ...} for a builder's metadata step
 * @param author      the image's and the history entry's author; may be empty
 * @param comment     the image's and the history entry's comment (commit's message); may be empty
 * @param containerId the container the layer came from, recorded as the config's {@code container}; may be empty
 * @param reference   {@code repo[:tag]} to tag the new image with
 * @param created     when the image was made
 */
public record ImageCommit(Optional<Digest> parent, ImageConfig config, String createdBy, String author,
                          String comment, String containerId, Optional<String> reference, Instant created) {
    public ImageCommit {
        Objects.requireNonNull(parent);
        Objects.requireNonNull(config);
        createdBy = Objects.requireNonNullElse(createdBy, "");
        author = Objects.requireNonNullElse(author, "");
        comment = Objects.requireNonNullElse(comment, "");
        containerId = Objects.requireNonNullElse(containerId, "");
        reference = reference.filter(r -> !r.isBlank());
        Objects.requireNonNull(created);
    }
}

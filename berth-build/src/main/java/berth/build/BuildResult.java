package berth.build;

import java.util.List;

/** A finished build: the image and the tags it got (in the familiar form, {@code name:tag}). */
public record BuildResult(berth.content.Digest imageId, List<String> tags) {
    public BuildResult {
        java.util.Objects.requireNonNull(imageId, "imageId");
        tags = List.copyOf(tags);
    }
}

package berth.distribution;

import berth.content.Digest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One image: its config blob and its layers, bottom first. The parser does not reject unknown layer
 * or config types (OCI artifacts use their own); the puller decides, with {@link MediaTypes#isLayer}
 * and {@link MediaTypes#isImageConfig}, what it can unpack.
 */
public record ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers,
                            Map<String, String> annotations, Optional<Descriptor> subject, Digest digest,
                            byte[] raw) implements Manifest {
    public ImageManifest {
        Objects.requireNonNull(mediaType);
        Objects.requireNonNull(config);
        Objects.requireNonNull(digest);
        layers = List.copyOf(layers);
        annotations = Map.copyOf(annotations);
        raw = raw.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /** Whether the config is an image config (not an artifact's), so the manifest can be run. */
    public boolean isRunnableImage() {
        return MediaTypes.isImageConfig(config.mediaType());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageManifest other && digest.equals(other.digest) && mediaType.equals(other.mediaType)
                && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return "ImageManifest[" + mediaType + " " + digest + ", " + layers.size() + " layers]";
    }
}

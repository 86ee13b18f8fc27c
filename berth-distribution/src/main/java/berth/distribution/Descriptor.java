package berth.distribution;

import berth.content.Digest;
import berth.errors.BerthException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An OCI content descriptor: what a manifest says about a blob it points to. The digest and size
 * are what the fetched bytes must match.
 *
 * @param platform set only on the entries of an index
 */
public record Descriptor(String mediaType, Digest digest, long size, List<String> urls,
                         Map<String, String> annotations, Optional<Platform> platform) {
    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw BerthException.invalid("invalid descriptor " + digest + ": negative size " + size);
        }
        urls = List.copyOf(urls);
        annotations = Map.copyOf(annotations);
        platform = platform == null ? Optional.empty() : platform;
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, List.of(), Map.of(), Optional.empty());
    }
}

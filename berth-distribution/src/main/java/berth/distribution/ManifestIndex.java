package berth.distribution;

import berth.content.Digest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A multi-platform image: an OCI index or a Docker manifest list. {@link PlatformMatcher} picks one entry. */
public record ManifestIndex(String mediaType, List<Descriptor> manifests, Map<String, String> annotations,
                            Digest digest, byte[] raw) implements Manifest {
    public ManifestIndex {
        Objects.requireNonNull(mediaType);
        Objects.requireNonNull(digest);
        manifests = List.copyOf(manifests);
        annotations = Map.copyOf(annotations);
        raw = raw.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManifestIndex other && digest.equals(other.digest) && mediaType.equals(other.mediaType)
                && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return "ManifestIndex[" + mediaType + " " + digest + ", " + manifests.size() + " manifests]";
    }
}

package berth.registry.storage;

import berth.content.Digest;
import java.util.List;

/**
 * A stored manifest: its exact bytes as pushed, their digest, the media type it was pushed with, and
 * the digests it references (blobs and child manifests), as the caller parsed them at push time.
 */
public record Manifest(Digest digest, String mediaType, byte[] content, List<Digest> references) {
    public Manifest {
        content = content.clone();
        references = List.copyOf(references);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}

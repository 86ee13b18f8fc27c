package berth.content;

import java.io.InputStream;
import java.util.Optional;

/** The write role of the content store: adds blobs, verifying their digest. */
public interface ContentIngester {
    /**
     * Copies a stream into the store, hashing as it goes. When {@code expected} is given and the bytes
     * hash differently, nothing is stored and INVALID_ARGUMENT names both digests. Storing a blob that
     * is already present is not an error.
     */
    ContentInfo ingest(InputStream in, Optional<Digest> expected);

    /**
     * A writer for producers that push bytes (a tee while unpacking, a tar being written). Nothing is
     * visible in the store until {@link ContentWriter#commit}; closing without commit discards it.
     */
    ContentWriter writer();
}

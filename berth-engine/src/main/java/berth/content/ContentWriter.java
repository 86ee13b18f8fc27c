package berth.content;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * One blob being written. Bytes go to {@link #stream()} and are hashed as they pass; they can be read
 * back before commit (a staged layer is unpacked from its staging file). {@link #commit} makes the blob
 * durable and visible under its digest; {@link #close()} without commit deletes the staging file.
 */
public interface ContentWriter extends AutoCloseable {
    OutputStream stream();

    /** The digest of everything written so far; ends writing. */
    ContentInfo finish();

    /** Reads the staged bytes back; only after {@link #finish()}. */
    InputStream reopen();

    /** Stores the blob; INVALID_ARGUMENT when {@code expected} is given and differs (nothing is stored then). */
    ContentInfo commit(Optional<Digest> expected);

    @Override
    void close();
}

package berth.content;

import java.io.InputStream;
import java.util.Optional;

/** The read role of the content store: callers that only read blobs take this. */
public interface ContentReader {
    /** Size and digest of a blob, or empty when the store does not hold it. */
    Optional<ContentInfo> info(Digest digest);

    /** Opens a blob for reading; NOT_FOUND "blob not found: sha256:..." when it is absent. */
    InputStream open(Digest digest);
}

package berth.content;

import java.util.List;

/** The management role of the content store: listing and deleting blobs (garbage collection). */
public interface ContentManager {
    /** Every blob in the store. */
    List<ContentInfo> list();

    /** Deletes a blob; deleting an absent blob is not an error (a sweep may race a crash). */
    void delete(Digest digest);
}

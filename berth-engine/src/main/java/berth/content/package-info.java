/**
 * Blobs addressed by digest. Callers take the narrowest role they need: {@link berth.content.ContentReader},
 * {@link berth.content.ContentIngester}, {@link berth.content.ContentManager};
 * {@link berth.content.LocalContentStore} implements all three.
 *
 * <p>On disk: {@code <root>/content/blobs/sha256/<hex>} holds committed blobs, {@code
 * <root>/content/ingest/} blobs being written (deleted at start). A blob is hashed while it is written,
 * forced, verified against the expected digest, renamed into place, and its directory fsynced.
 */
package berth.content;

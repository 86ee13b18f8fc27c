package berth.distribution.push;

import berth.errors.BerthException;

/**
 * How a push uploads.
 *
 * @param parallelUploads layers uploaded at once (dockerd's max-concurrent-uploads, 5 by default)
 * @param chunkSize       blobs larger than this go up in {@code PATCH} chunks of this size (raised to the
 *                        registry's {@code OCI-Chunk-Min-Length} when it asks for more); smaller ones in
 *                        one {@code PUT}. Each chunk is held in memory while it is sent.
 */
public record PushOptions(int parallelUploads, long chunkSize) {
    public static final PushOptions DEFAULTS = new PushOptions(5, 16L * 1024 * 1024);
    /** A chunk is read into one array. */
    private static final long MAX_CHUNK = Integer.MAX_VALUE - 8;

    public PushOptions {
        if (parallelUploads < 1) {
            throw BerthException.invalid("parallel uploads must be at least 1, got " + parallelUploads);
        }
        if (chunkSize < 1 || chunkSize > MAX_CHUNK) {
            throw BerthException.invalid("upload chunk size must be between 1 and " + MAX_CHUNK + " bytes, got " + chunkSize);
        }
    }
}

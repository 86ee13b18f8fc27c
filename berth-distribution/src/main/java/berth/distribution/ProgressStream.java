package berth.distribution;

import berth.image.Progress;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes of a blob as it streams (a layer downloaded, a blob read for upload) and reports them as
 * progress events with the given status ({@code Downloading}, {@code Pushing}), at most every 512 KiB or 100
 * ms, so that a fast local pull or push does not drown the client in JSON lines.
 */
public final class ProgressStream extends FilterInputStream {
    private static final long BYTES_BETWEEN_EVENTS = 512 * 1024;
    private static final long NANOS_BETWEEN_EVENTS = 100_000_000L;

    private final String id;
    private final String status;
    private final long total;
    private final Progress.Listener listener;
    private long count;
    private long reportedAt;
    private long reportedNanos = System.nanoTime();

    public ProgressStream(InputStream in, String id, String status, long total, Progress.Listener listener) {
        super(in);
        this.id = id;
        this.status = status;
        this.total = total;
        this.listener = listener;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        if (skipped > 0) {
            advance(skipped);
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void advance(long n) {
        count += n;
        long now = System.nanoTime();
        if (count - reportedAt >= BYTES_BETWEEN_EVENTS || now - reportedNanos >= NANOS_BETWEEN_EVENTS || count == total) {
            reportedAt = count;
            reportedNanos = now;
            listener.on(new Progress.Item(id, status, Math.min(count, total), total));
        }
    }
}

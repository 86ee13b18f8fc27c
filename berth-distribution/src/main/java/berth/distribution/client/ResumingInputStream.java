package berth.distribution.client;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A blob download that survives broken connections: when the stream fails, or ends before the blob's
 * declared size, it asks the {@link Opener} again from the byte it had reached (a {@code Range} request)
 * and carries on, a few times at most. The bytes handed out form one stream either way; the caller still
 * verifies size and digest over all of them ({@link berth.distribution.VerifyingInputStream}).
 *
 * <p>A connection that stays open but sends nothing is broken too: when no byte arrived for the stall
 * timeout, a watchdog closes the current response (which wakes the blocked read) and the download resumes.
 */
public final class ResumingInputStream extends InputStream {
    /** Opens the blob at {@code offset}; the returned stream's first byte is the blob's byte {@code offset}. */
    @FunctionalInterface
    public interface Opener {
        InputStream open(long offset) throws IOException;
    }

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("berth-blob-stall-watchdog").factory());

    private final Opener opener;
    private final long size;
    private final int maxResumes;
    private InputStream current;
    private long position;
    private int resumes;
    private volatile boolean closed;
    private final long stallNanos;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean stalled;
    private final ScheduledFuture<?> watchdog;

    public ResumingInputStream(Opener opener, InputStream first, long size, int maxResumes, Duration stallTimeout) {
        this.opener = Objects.requireNonNull(opener);
        this.current = Objects.requireNonNull(first);
        this.size = size;
        this.maxResumes = maxResumes;
        this.stallNanos = stallTimeout.toNanos();
        long period = Math.max(10, Math.min(1000, stallTimeout.toMillis() / 4));
        this.watchdog = WATCHDOG.scheduleWithFixedDelay(this::checkStall, period, period, TimeUnit.MILLISECONDS);
    }

    private void checkStall() {
        if (closed || System.nanoTime() - lastProgress < stallNanos) {
            return;
        }
        stalled = true;
        lastProgress = System.nanoTime();
        closeQuietly(current);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (closed) {
                throw new IOException("stream closed");
            }
            int n;
            try {
                n = current.read(b, off, len);
            } catch (IOException e) {
                resume(stalled ? new IOException("no data received for " + Duration.ofNanos(stallNanos).toSeconds() + " s", e) : e);
                continue;
            }
            lastProgress = System.nanoTime();
            if (n < 0 && position < size) {
                resume(new IOException("connection closed after " + position + " of " + size + " bytes"));
                continue;
            }
            if (n > 0) {
                position += n;
            } else if (n < 0) {
                watchdog.cancel(false);
            }
            return n;
        }
    }

    /** How many times the download was resumed. */
    public int resumes() {
        return resumes;
    }

    private void resume(IOException cause) throws IOException {
        if (closed || resumes >= maxResumes) {
            watchdog.cancel(false);
            throw cause;
        }
        resumes++;
        stalled = false;
        closeQuietly(current);
        try {
            current = opener.open(position);
        } catch (IOException e) {
            e.addSuppressed(cause);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        watchdog.cancel(false);
        current.close();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the connection is already broken
        }
    }
}

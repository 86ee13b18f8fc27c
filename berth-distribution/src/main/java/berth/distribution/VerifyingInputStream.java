package berth.distribution;

import berth.content.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A blob stream that must be exactly the declared size and hash to the declared digest. It passes
 * bytes through as they arrive, so it cannot vouch for them until the end: the size and digest are
 * checked when the underlying stream reports EOF, and a mismatch is thrown from that final read.
 * Callers must therefore treat everything read as provisional and commit it (rename into the content
 * store, unpack as a layer) only after a {@code read} has returned -1 without throwing, or after
 * {@link #isVerified()}.
 *
 * <p>A stream that sends more than the declared size (an endless or hostile server) fails on the
 * first read that would go past it, and the surplus bytes are never handed out.
 */
public final class VerifyingInputStream extends FilterInputStream {
    private final Digest expectedDigest;
    private final long expectedSize;
    private final MessageDigest hash = Digest.newSha256();
    private long count;
    private boolean verified;
    private String failure;
    private final byte[] single = new byte[1];

    public VerifyingInputStream(InputStream in, Digest expectedDigest, long expectedSize) {
        super(Objects.requireNonNull(in));
        if (expectedSize < 0) {
            throw new IllegalArgumentException("negative expected size " + expectedSize);
        }
        this.expectedDigest = Objects.requireNonNull(expectedDigest);
        this.expectedSize = expectedSize;
    }

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int n = in.read(b, off, len);
        if (n < 0) {
            verifyAtEof();
            return -1;
        }
        if (count + n > expectedSize) {
            throw new IOException("blob " + expectedDigest + " is longer than its declared size of "
                    + expectedSize + " bytes");
        }
        hash.update(b, off, n);
        count += n;
        return n;
    }

    /** Skips by reading, so that skipped bytes are hashed too. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void mark(int readlimit) {
        // not supported: a reset would hash bytes twice
    }

    @Override
    public void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    /**
     * Reads (and hashes) whatever the consumer left unread, up to EOF, and throws unless the blob
     * verified. For consumers that stop early, such as a decompressor that ignores trailing bytes.
     */
    public void verifyRemaining() throws IOException {
        byte[] buffer = new byte[8192];
        while (read(buffer, 0, buffer.length) >= 0) {
            // discard: only the hash needs these bytes
        }
    }

    /** Bytes handed out so far. */
    public long count() {
        return count;
    }

    /** True once EOF was reached with the declared size and digest. */
    public boolean isVerified() {
        return verified;
    }

    private void verifyAtEof() throws IOException {
        if (verified) {
            return;
        }
        if (failure == null) {
            if (count != expectedSize) {
                failure = "blob " + expectedDigest + " ended after " + count + " bytes, expected " + expectedSize;
            } else {
                Digest actual = Digest.ofSha256(hash.digest());
                if (actual.equals(expectedDigest)) {
                    verified = true;
                    return;
                }
                failure = "digest mismatch: expected " + expectedDigest + ", got " + actual;
            }
        }
        // the same answer on every read after EOF: the hash cannot be finished twice
        throw new IOException(failure);
    }
}

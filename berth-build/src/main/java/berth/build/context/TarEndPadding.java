package berth.build.context;

import java.io.IOException;
import java.io.InputStream;

/**
 * Completes a tar that ends right after its last entry's data, without the padding to 512 bytes and the two
 * zero blocks that should follow. Go's archive/tar reads such a tar as ended there, and the docker CLI sends
 * one: {@code docker build -f - DIR} (a Dockerfile on stdin joining a context) rewrites the context's tar
 * and leaves both out. Anything else that ends early is left as it is, so a tar cut inside an entry's data
 * still fails as truncated.
 *
 * <p>It follows the ustar framing: each header's size field (octal or base-256) says where the entry's data
 * ends. A PAX size record is not read; when one changes an entry's size the framing is lost and nothing is
 * added (the tar then fails as it would without this).
 */
final class TarEndPadding extends InputStream {
    private static final int BLOCK = 512;

    private final InputStream in;
    private final byte[] header = new byte[BLOCK];
    private long pos;
    /** Where the next header starts; the current entry's data ends at {@code dataEnd}. */
    private long nextHeader;
    private long dataEnd = -1;
    private byte[] supplied;
    private int suppliedPos;
    private boolean eof;

    TarEndPadding(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (eof) {
            return readSupplied(b, off, len);
        }
        // never read across the start of a header, so each header is seen whole
        int want = len;
        if (pos < nextHeader) {
            want = (int) Math.min(len, nextHeader - pos);
        } else {
            want = Math.min(len, BLOCK - (int) (pos - nextHeader));
        }
        int n = in.read(b, off, want);
        if (n < 0) {
            eof = true;
            supplied = ending();
            return readSupplied(b, off, len);
        }
        if (pos >= nextHeader) {
            System.arraycopy(b, off, header, (int) (pos - nextHeader), n);
        }
        pos += n;
        if (pos == nextHeader + BLOCK) {
            long headerStart = nextHeader;
            long size = isZero(header) ? -1 : size(header);
            if (size < 0) {
                // the end-of-archive block, or not a header we can follow: add nothing at the end
                nextHeader = Long.MAX_VALUE;
            } else {
                dataEnd = headerStart + BLOCK + size;
                nextHeader = dataEnd + (BLOCK - size % BLOCK) % BLOCK;
            }
        }
        return n;
    }

    /** What a Go-written tar would still have had: the last entry's padding, then the end-of-archive blocks. */
    private byte[] ending() {
        if (pos > 0 && pos == dataEnd && pos < nextHeader) {
            return new byte[(int) (nextHeader - pos) + 2 * BLOCK];
        }
        if (pos > 0 && pos == nextHeader) {
            return new byte[2 * BLOCK];
        }
        return new byte[0];
    }

    private int readSupplied(byte[] b, int off, int len) {
        if (suppliedPos >= supplied.length) {
            return -1;
        }
        int n = Math.min(len, supplied.length - suppliedPos);
        java.util.Arrays.fill(b, off, off + n, (byte) 0);
        suppliedPos += n;
        return n;
    }

    private static boolean isZero(byte[] block) {
        for (byte x : block) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** The size field (offset 124, 12 bytes): octal, or base-256 when its top bit is set; -1 when unreadable. */
    static long size(byte[] h) {
        if ((h[124] & 0x80) != 0) {
            long v = 0;
            for (int i = 125; i < 136; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        }
        long v = 0;
        boolean digits = false;
        for (int i = 124; i < 136; i++) {
            int c = h[i] & 0xff;
            if (c >= '0' && c <= '7') {
                v = v * 8 + (c - '0');
                digits = true;
            } else if (c == 0 || c == ' ') {
                if (digits) {
                    break;
                }
            } else {
                return -1;
            }
        }
        return v;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

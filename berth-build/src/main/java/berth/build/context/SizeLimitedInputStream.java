package berth.build.context;

import berth.errors.BerthException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails the read that would take a stream past its limit (counted after decompression: no bombs). */
final class SizeLimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;
    private long marked;

    SizeLimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(n);
        add(s);
        return s;
    }

    @Override
    public synchronized void mark(int readlimit) {
        super.mark(readlimit);
        marked = count;
    }

    @Override
    public synchronized void reset() throws IOException {
        super.reset();
        count = marked;
    }

    private void add(long n) {
        count += n;
        if (count > limit) {
            throw BerthException.invalid("the build context is larger than the limit of " + limit + " bytes");
        }
    }
}

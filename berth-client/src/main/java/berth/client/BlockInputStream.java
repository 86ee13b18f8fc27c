package berth.client;

import java.io.IOException;
import java.io.InputStream;

/** An InputStream whose subclasses read only in blocks; the single-byte read goes through the block read. */
abstract class BlockInputStream extends InputStream {
    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}

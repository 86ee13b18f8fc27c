package berth.runtime.runc;

import berth.logs.LogEntry;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads one k8s-file in large chunks and cuts it into entries in place: one read per chunk, no copy
 * per line but the entry's own data. Tracks the file offset after each consumed line, so a reader can
 * say exactly where it stopped.
 */
final class K8sLogChunks {
    static final int CHUNK = 1 << 20;

    private final K8sLogLine.Parser parser = new K8sLogLine.Parser();
    private byte[] buf;
    /** The file offset of buf[0]. */
    private long base;
    /** Unconsumed bytes are buf[start, limit); no '\n' in buf[start, scanned). */
    private int start;
    private int scanned;
    private int limit;

    K8sLogChunks() {
        this(CHUNK);
    }

    /** Reads {@code chunk} bytes at a time (more only for a line longer than that). */
    K8sLogChunks(int chunk) {
        buf = new byte[chunk];
    }

    /** Starts over at {@code offset} of a (new) file. */
    void reset(long offset) {
        base = offset;
        start = 0;
        scanned = 0;
        limit = 0;
    }

    /** The file offset after the last consumed line. */
    long consumed() {
        return base + start;
    }

    /** The file offset of the next byte to read. */
    long readOffset() {
        return base + limit;
    }

    /** Whether bytes of an unfinished line are buffered. */
    boolean hasRemainder() {
        return limit > start;
    }

    /** The next entry from complete buffered lines (lines not in the format are skipped), or null. */
    LogEntry next() {
        byte[] b = buf;
        while (true) {
            int nl = indexOfNewline(b, scanned, limit);
            if (nl < 0) {
                scanned = limit;
                return null;
            }
            LogEntry e = parser.parse(b, start, nl);
            start = nl + 1;
            scanned = start;
            if (e != null) {
                return e;
            }
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = ONES * '\n';

    /** The first '\n' in b[from, to), eight bytes at a time (the classic zero-byte test on b ^ "\n\n..."). */
    private static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The buffered bytes of an unfinished line as an entry of their own (a file that will not grow
     * again may end without a newline when its writer died mid-line); null when they do not parse.
     */
    LogEntry takeRemainder() {
        LogEntry e = parser.parse(buf, start, limit);
        start = limit;
        scanned = limit;
        return e;
    }

    /** Reads the next chunk of {@code channel}; the number of bytes read (0 at its end). */
    int fill(FileChannel channel) throws IOException {
        if (start > 0) {
            int keep = limit - start;
            System.arraycopy(buf, start, buf, 0, keep);
            base += start;
            scanned -= start;
            limit = keep;
            start = 0;
        }
        if (limit == buf.length) {
            // one line longer than the buffer: conmon splits output at 8 KiB, but other writers may not
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        int n = channel.read(ByteBuffer.wrap(buf, limit, buf.length - limit), base + limit);
        if (n <= 0) {
            return 0;
        }
        limit += n;
        return n;
    }
}

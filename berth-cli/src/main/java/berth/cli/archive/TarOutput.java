package berth.cli.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes ustar entries, adding a PAX header when a name or link target does not fit its field. */
public final class TarOutput implements AutoCloseable {
    private static final int BLOCK = 512;

    private final OutputStream out;

    public TarOutput(OutputStream out) {
        this.out = out;
    }

    /** Writes the header and, for files, {@code entry.size()} bytes from {@code content}. */
    public void write(TarEntry entry, InputStream content) throws IOException {
        byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
        byte[] link = entry.linkTarget().getBytes(StandardCharsets.UTF_8);
        if (name.length > 100 || link.length > 100) {
            StringBuilder pax = new StringBuilder();
            if (name.length > 100) {
                pax.append(record("path", entry.name()));
            }
            if (link.length > 100) {
                pax.append(record("linkpath", entry.linkTarget()));
            }
            byte[] data = pax.toString().getBytes(StandardCharsets.UTF_8);
            out.write(header("PaxHeaders/" + shorten(entry.name()), 0644, 0, 0, data.length, entry.mtimeSeconds(), 'x', ""));
            out.write(data);
            pad(data.length);
        }
        char type = switch (entry.type()) {
            case DIRECTORY -> '5';
            case SYMLINK -> '2';
            case HARDLINK -> '1';
            default -> '0';
        };
        long size = entry.type() == TarEntry.Type.FILE ? entry.size() : 0;
        out.write(header(shorten(entry.name()), entry.mode(), entry.uid(), entry.gid(), size, entry.mtimeSeconds(), type,
                link.length > 100 ? "" : entry.linkTarget()));
        if (size > 0) {
            long copied = content.transferTo(new BoundedOutput(out, size));
            if (copied != size) {
                throw new IOException(entry.name() + " changed size while it was archived");
            }
            pad(size);
        }
    }

    private static String shorten(String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        return b.length <= 100 ? name : new String(b, 0, 100, StandardCharsets.UTF_8);
    }

    /** "LEN key=value\n", where LEN counts itself. */
    static String record(String key, String value) {
        int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
        int len = body + Integer.toString(body).length();
        if (Integer.toString(len).length() != Integer.toString(body).length()) {
            len++;
        }
        return len + " " + key + "=" + value + "\n";
    }

    private static byte[] header(String name, int mode, long uid, long gid, long size, long mtime, char type, String link) {
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, name.getBytes(StandardCharsets.UTF_8));
        octal(h, 100, 8, mode & 07777);
        octal(h, 108, 8, uid);
        octal(h, 116, 8, gid);
        octal(h, 124, 12, size);
        octal(h, 136, 12, Math.max(0, mtime));
        h[156] = (byte) type;
        put(h, 157, 100, link.getBytes(StandardCharsets.UTF_8));
        put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        h[263] = '0';
        h[264] = '0';
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, 7, String.format("%06o\0", sum).getBytes(StandardCharsets.US_ASCII));
        return h;
    }

    private static void put(byte[] h, int off, int len, byte[] v) {
        System.arraycopy(v, 0, h, off, Math.min(len, v.length));
    }

    private static void octal(byte[] h, int off, int len, long value) {
        String s = Long.toOctalString(value);
        if (s.length() > len - 1) {
            // GNU base-256 for values beyond the octal field
            for (int i = off + len - 1; i > off; i--) {
                h[i] = (byte) value;
                value >>>= 8;
            }
            h[off] = (byte) 0x80;
            return;
        }
        String padded = "0".repeat(len - 1 - s.length()) + s;
        put(h, off, len - 1, padded.getBytes(StandardCharsets.US_ASCII));
    }

    private void pad(long size) throws IOException {
        int rem = (int) (size % BLOCK);
        if (rem != 0) {
            out.write(new byte[BLOCK - rem]);
        }
    }

    /** Ends the archive with two zero blocks; the underlying stream stays open. */
    @Override
    public void close() throws IOException {
        out.write(new byte[BLOCK * 2]);
        out.flush();
    }

    /** Passes at most {@code limit} bytes on, so a file growing while read does not corrupt the archive. */
    private static final class BoundedOutput extends OutputStream {
        private final OutputStream out;
        private long left;

        BoundedOutput(OutputStream out, long limit) {
            this.out = out;
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (left > 0) {
                out.write(b);
                left--;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int n = (int) Math.min(len, left);
            if (n > 0) {
                out.write(b, off, n);
                left -= n;
            }
        }
    }
}

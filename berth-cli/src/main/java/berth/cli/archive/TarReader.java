package berth.cli.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a tar stream entry by entry: ustar headers, with PAX extended headers (path, linkpath, size)
 * and GNU long names (L, K) applied to the entry that follows. {@link #content()} is the current
 * entry's data; unread data is skipped by {@link #next()}.
 */
public final class TarReader {
    private static final int BLOCK = 512;

    private final InputStream in;
    private long remaining;
    private long padding;

    public TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry, or null at the end of the archive. */
    public TarEntry next() throws IOException {
        skip(remaining + padding);
        remaining = 0;
        padding = 0;
        Map<String, String> pax = new HashMap<>();
        String longName = null;
        String longLink = null;
        while (true) {
            byte[] h = in.readNBytes(BLOCK);
            if (h.length == 0 || isZero(h)) {
                return null;
            }
            if (h.length < BLOCK) {
                throw new EOFException("tar archive ends inside a header");
            }
            char type = (char) h[156];
            long size = number(h, 124, 12);
            switch (type) {
                case 'x' -> {
                    pax.putAll(paxRecords(readData(size)));
                    continue;
                }
                case 'g' -> {
                    readData(size);
                    continue;
                }
                case 'L' -> {
                    longName = cString(readData(size));
                    continue;
                }
                case 'K' -> {
                    longLink = cString(readData(size));
                    continue;
                }
                default -> { }
            }
            String name = string(h, 0, 100);
            if (h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r' && h[345] != 0) {
                name = string(h, 345, 155) + "/" + name;
            }
            if (longName != null) {
                name = longName;
            }
            name = pax.getOrDefault("path", name);
            String link = pax.getOrDefault("linkpath", longLink != null ? longLink : string(h, 157, 100));
            if (pax.containsKey("size")) {
                size = Long.parseLong(pax.get("size"));
            }
            TarEntry.Type t = switch (type) {
                case '0', '\0', '7' -> TarEntry.Type.FILE;
                case '5' -> TarEntry.Type.DIRECTORY;
                case '2' -> TarEntry.Type.SYMLINK;
                case '1' -> TarEntry.Type.HARDLINK;
                default -> TarEntry.Type.OTHER;
            };
            if (t == TarEntry.Type.DIRECTORY || t == TarEntry.Type.SYMLINK || t == TarEntry.Type.HARDLINK) {
                size = t == TarEntry.Type.DIRECTORY ? 0 : size;
            }
            remaining = size;
            padding = (BLOCK - size % BLOCK) % BLOCK;
            return new TarEntry(name, t, (int) number(h, 100, 8), number(h, 108, 8), number(h, 116, 8), size,
                    number(h, 136, 12), link);
        }
    }

    /** The current entry's data, exactly its size. */
    public InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining == 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw new EOFException("tar archive ends inside an entry");
                }
                remaining -= n;
                return n;
            }
        };
    }

    private byte[] readData(long size) throws IOException {
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new EOFException("tar archive ends inside an extended header");
        }
        skip((BLOCK - size % BLOCK) % BLOCK);
        return data;
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("tar archive ends inside an entry");
                }
                s = 1;
            }
            left -= s;
        }
    }

    /** PAX records: "LEN key=value\n", LEN counting the whole record in bytes. */
    static Map<String, String> paxRecords(byte[] data) {
        Map<String, String> out = new HashMap<>();
        int pos = 0;
        while (pos < data.length) {
            int sp = pos;
            while (sp < data.length && data[sp] != ' ') {
                sp++;
            }
            if (sp >= data.length) {
                break;
            }
            int len = Integer.parseInt(new String(data, pos, sp - pos, StandardCharsets.US_ASCII));
            String rec = new String(data, sp + 1, pos + len - sp - 2, StandardCharsets.UTF_8);
            int eq = rec.indexOf('=');
            if (eq > 0) {
                out.put(rec.substring(0, eq), rec.substring(eq + 1));
            }
            pos += len;
        }
        return out;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String string(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static String cString(byte[] b) {
        return string(b, 0, b.length);
    }

    /** An octal field, or base-256 when the high bit of the first byte is set (GNU, for big values). */
    private static long number(byte[] h, int off, int len) {
        if ((h[off] & 0x80) != 0) {
            long v = h[off] & 0x7f;
            for (int i = off + 1; i < off + len; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        }
        String s = string(h, off, len).strip();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }
}

package berth.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A small tar writer in the shape Go's {@code archive/tar} gives Docker's layers: a USTAR header when
 * the entry fits one, else a PAX extended header first, with records sorted by key; two zero blocks at
 * the end and no padding to a record size, so an empty archive is exactly 1024 zero bytes (Docker's
 * "empty layer"). Why not commons-compress: its PAX values are written as UTF-8 text, which would
 * corrupt binary extended attributes such as {@code security.capability}, and it pads to 10 KiB records.
 *
 * <p>The caller owns {@code out}; {@link #finish} writes the end marker and flushes but does not close.
 */
public final class TarWriter {
    public static final byte REGULAR = '0';
    public static final byte HARD_LINK = '1';
    public static final byte SYMLINK = '2';
    public static final byte CHAR_DEVICE = '3';
    public static final byte BLOCK_DEVICE = '4';
    public static final byte DIRECTORY = '5';
    public static final byte FIFO = '6';
    private static final byte PAX = 'x';
    private static final int BLOCK = 512;
    private static final String XATTR = "SCHILY.xattr.";

    /**
     * One entry's header. {@code name} is relative, without a leading slash; a directory's ends in '/'.
     * {@code mtimeSeconds} is whole seconds; {@code xattrs} values are raw bytes.
     */
    public record Header(String name, byte type, int mode, long uid, long gid, long size, long mtimeSeconds,
                         String linkName, int devMajor, int devMinor, Map<String, byte[]> xattrs) {
        public Header {
            Objects.requireNonNull(name);
            linkName = linkName == null ? "" : linkName;
            xattrs = xattrs == null ? Map.of() : Map.copyOf(xattrs);
        }

        /** A header for an entry with no content, link, device or attributes. */
        public static Header of(String name, byte type, int mode, long uid, long gid, long mtimeSeconds) {
            return new Header(name, type, mode, uid, gid, 0, mtimeSeconds, "", 0, 0, Map.of());
        }
    }

    private final OutputStream out;
    private long remaining;
    private long written;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Starts an entry; a regular file's {@code size} bytes must follow through {@link #writeContent}. */
    public void put(Header h) throws IOException {
        if (remaining != 0) {
            throw new IOException("tar entry before it: " + remaining + " bytes of content missing");
        }
        padBlock();
        Map<String, byte[]> pax = new TreeMap<>();
        byte[] name = h.name().getBytes(StandardCharsets.UTF_8);
        byte[] link = h.linkName().getBytes(StandardCharsets.UTF_8);
        if (name.length > 100 || !isAscii(name)) {
            pax.put("path", name);
        }
        if (link.length > 100 || !isAscii(link)) {
            pax.put("linkpath", link);
        }
        if (h.uid() > 07777777 || h.uid() < 0) {
            pax.put("uid", Long.toString(h.uid()).getBytes(StandardCharsets.US_ASCII));
        }
        if (h.gid() > 07777777 || h.gid() < 0) {
            pax.put("gid", Long.toString(h.gid()).getBytes(StandardCharsets.US_ASCII));
        }
        if (h.size() > 077777777777L) {
            pax.put("size", Long.toString(h.size()).getBytes(StandardCharsets.US_ASCII));
        }
        h.xattrs().forEach((k, v) -> pax.put(XATTR + k, v));
        if (!pax.isEmpty()) {
            byte[] records = paxRecords(pax);
            String base = h.name().replaceAll("/+$", "");
            base = base.substring(base.lastIndexOf('/') + 1);
            String paxName = ascii100("PaxHeaders.0/" + base);
            out.write(header(paxName, PAX, 0644, 0, 0, records.length, h.mtimeSeconds(), "", 0, 0));
            out.write(records);
            written += BLOCK + records.length;
            padBlock();
        }
        long size = h.type() == REGULAR ? h.size() : 0;
        out.write(header(ascii100(h.name()), h.type(), h.mode(), Math.min(Math.max(h.uid(), 0), 07777777),
                Math.min(Math.max(h.gid(), 0), 07777777), Math.min(size, 077777777777L), h.mtimeSeconds(),
                ascii100(h.linkName()), h.devMajor(), h.devMinor()));
        written += BLOCK;
        remaining = size;
    }

    /** Copies exactly the current entry's size from {@code in}: padded with zeros if it ends early, cut if longer. */
    public void writeContent(InputStream in) throws IOException {
        byte[] buf = new byte[64 << 10];
        while (remaining > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
            if (n < 0) {
                break;
            }
            write(buf, n);
        }
        Arrays.fill(buf, (byte) 0);
        while (remaining > 0) {
            write(buf, (int) Math.min(buf.length, remaining));
        }
    }

    private void write(byte[] buf, int n) throws IOException {
        out.write(buf, 0, n);
        written += n;
        remaining -= n;
    }

    /** Ends the archive with two zero blocks and flushes. */
    public void finish() throws IOException {
        if (remaining != 0) {
            throw new IOException("tar ended with " + remaining + " bytes of content missing");
        }
        padBlock();
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    private void padBlock() throws IOException {
        int pad = (int) ((BLOCK - written % BLOCK) % BLOCK);
        if (pad > 0) {
            out.write(new byte[pad]);
            written += pad;
        }
    }

    private static byte[] header(String name, byte type, int mode, long uid, long gid, long size, long mtime,
                                 String link, int major, int minor) {
        byte[] b = new byte[BLOCK];
        put(b, 0, 100, name.getBytes(StandardCharsets.US_ASCII));
        octal(b, 100, 8, mode & 07777);
        octal(b, 108, 8, uid);
        octal(b, 116, 8, gid);
        octal(b, 124, 12, size);
        octal(b, 136, 12, Math.max(0, Math.min(mtime, 077777777777L)));
        Arrays.fill(b, 148, 156, (byte) ' ');
        b[156] = type;
        put(b, 157, 100, link.getBytes(StandardCharsets.US_ASCII));
        put(b, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(b, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        if (type == CHAR_DEVICE || type == BLOCK_DEVICE) {
            octal(b, 329, 8, major);
            octal(b, 337, 8, minor);
        } else {
            octal(b, 329, 8, 0);
            octal(b, 337, 8, 0);
        }
        long sum = 0;
        for (byte x : b) {
            sum += x & 0xff;
        }
        byte[] chk = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(chk, 0, b, 148, 8);
        return b;
    }

    private static void put(byte[] b, int off, int len, byte[] v) {
        System.arraycopy(v, 0, b, off, Math.min(len, v.length));
    }

    /** Zero-padded octal in {@code len - 1} digits and a NUL, as Go writes numeric fields. */
    private static void octal(byte[] b, int off, int len, long v) {
        String s = Long.toOctalString(v);
        s = "0".repeat(Math.max(0, len - 1 - s.length())) + s;
        put(b, off, len - 1, s.getBytes(StandardCharsets.US_ASCII));
    }

    /** The USTAR field value of a name that a PAX record carries in full: ASCII, at most 100 bytes. */
    private static String ascii100(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 100; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x80 ? c : '_');
        }
        return sb.toString();
    }

    private static boolean isAscii(byte[] b) {
        for (byte x : b) {
            if (x < 0 || x == 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code "<len> <key>=<value>\n"}, where len counts the whole record including its own digits. */
    static byte[] paxRecords(Map<String, byte[]> records) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        records.forEach((k, v) -> {
            byte[] key = k.getBytes(StandardCharsets.UTF_8);
            int rest = 1 + key.length + 1 + v.length + 1; // ' ' key '=' value '\n'
            int len = rest + Integer.toString(rest).length();
            if (Integer.toString(len).length() != Integer.toString(rest).length()) {
                len = rest + Integer.toString(len).length();
            }
            all.writeBytes((len + " ").getBytes(StandardCharsets.US_ASCII));
            all.writeBytes(key);
            all.write('=');
            all.writeBytes(v);
            all.write('\n');
        });
        return all.toByteArray();
    }
}

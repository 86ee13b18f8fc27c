package berth.cli.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a POSIX ustar archive with fixed owners and mtimes, so the same inputs always give the same
 * bytes (and the daemon the same image ID). Only what a rootfs skeleton needs: directories, regular
 * files and symlinks with names that fit ustar's 100+155 bytes.
 */
public final class TarWriter implements AutoCloseable {
    private static final int BLOCK = 512;
    private final OutputStream out;
    private final long mtime;

    public TarWriter(OutputStream out, long mtimeSeconds) {
        this.out = out;
        this.mtime = mtimeSeconds;
    }

    public void directory(String name, int mode) throws IOException {
        header(name.endsWith("/") ? name : name + "/", mode, 0, '5', "");
    }

    public void file(String name, int mode, byte[] content) throws IOException {
        header(name, mode, content.length, '0', "");
        out.write(content);
        pad(content.length);
    }

    public void file(String name, int mode, long size, InputStream content) throws IOException {
        header(name, mode, size, '0', "");
        long copied = content.transferTo(out);
        if (copied != size) {
            throw new IOException(name + " changed while being archived: expected " + size + " bytes, read " + copied);
        }
        pad(size);
    }

    public void symlink(String name, String target) throws IOException {
        header(name, 0777, 0, '2', target);
    }

    private void header(String name, int mode, long size, char type, String link) throws IOException {
        byte[] h = new byte[BLOCK];
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length <= 100) {
            System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
        } else {
            int slash = name.lastIndexOf('/', name.length() - 2);
            byte[] prefix = slash > 0 ? name.substring(0, slash).getBytes(StandardCharsets.UTF_8) : new byte[0];
            byte[] rest = slash > 0 ? name.substring(slash + 1).getBytes(StandardCharsets.UTF_8) : nameBytes;
            if (prefix.length > 155 || rest.length > 100) {
                throw new IOException("name too long for a ustar archive: " + name);
            }
            System.arraycopy(rest, 0, h, 0, rest.length);
            System.arraycopy(prefix, 0, h, 345, prefix.length);
        }
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0); // uid root
        octal(h, 116, 8, 0); // gid root
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        h[156] = (byte) type;
        byte[] linkBytes = link.getBytes(StandardCharsets.UTF_8);
        if (linkBytes.length > 100) {
            throw new IOException("symlink target too long for a ustar archive: " + link);
        }
        System.arraycopy(linkBytes, 0, h, 157, linkBytes.length);
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
        h[263] = '0';
        h[264] = '0';
        System.arraycopy("root".getBytes(StandardCharsets.US_ASCII), 0, h, 265, 4);
        System.arraycopy("root".getBytes(StandardCharsets.US_ASCII), 0, h, 297, 4);
        // checksum: computed with the checksum field as spaces
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        String chk = String.format("%06o", sum);
        System.arraycopy(chk.getBytes(StandardCharsets.US_ASCII), 0, h, 148, 6);
        h[154] = 0;
        h[155] = ' ';
        out.write(h);
    }

    private static void octal(byte[] h, int offset, int length, long value) {
        String s = String.format("%0" + (length - 1) + "o", value);
        if (s.length() > length - 1) {
            throw new IllegalArgumentException("value " + value + " does not fit a " + length + "-byte tar field");
        }
        System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, h, offset, length - 1);
        h[offset + length - 1] = 0;
    }

    private void pad(long size) throws IOException {
        int rem = (int) (size % BLOCK);
        if (rem != 0) {
            out.write(new byte[BLOCK - rem]);
        }
    }

    /** Writes the two zero blocks that end an archive (the underlying stream stays open). */
    @Override
    public void close() throws IOException {
        out.write(new byte[BLOCK * 2]);
        out.flush();
    }
}

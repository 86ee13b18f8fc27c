package berth.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * commons-compress's tar reader, plus the raw bytes of each entry's PAX {@code SCHILY.xattr.*}
 * values. Why: commons-compress decodes PAX values as UTF-8 text, which destroys binary attribute
 * values such as {@code security.capability} (file capabilities). It reads a PAX header's records
 * through this stream's own {@link #read(byte[], int, int)} while that header is the current entry,
 * so those bytes are kept here and parsed again, as bytes, for the entry they apply to.
 */
final class RawPaxTarInputStream extends TarArchiveInputStream {
    private static final String XATTR = "SCHILY.xattr.";
    private final ByteArrayOutputStream paxBytes = new ByteArrayOutputStream();
    private Map<String, byte[]> xattrs = Map.of();
    /** getNextEntry calls itself after a PAX header; only the outermost call starts afresh. */
    private int depth;

    RawPaxTarInputStream(InputStream in) {
        super(in);
    }

    @Override
    public TarArchiveEntry getNextEntry() throws IOException {
        if (depth++ > 0) {
            try {
                return super.getNextEntry();
            } finally {
                depth--;
            }
        }
        try {
            paxBytes.reset();
            TarArchiveEntry e = super.getNextEntry();
            xattrs = paxBytes.size() == 0 ? Map.of() : parseXattrs(paxBytes.toByteArray());
            return e;
        } finally {
            depth--;
        }
    }

    @Override
    public int read(byte[] buf, int offset, int len) throws IOException {
        int n = super.read(buf, offset, len);
        TarArchiveEntry current = getCurrentEntry();
        if (n > 0 && current != null && current.isPaxHeader() && !current.isGlobalPaxHeader()) {
            paxBytes.write(buf, offset, n);
        }
        return n;
    }

    /** The current entry's extended attributes from its PAX header: name → raw value. */
    Map<String, byte[]> rawXattrs() {
        return xattrs;
    }

    /** PAX records are {@code "<length> <key>=<value>\n"}, the length counting the whole record in bytes. */
    static Map<String, byte[]> parseXattrs(byte[] data) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        int pos = 0;
        while (pos < data.length) {
            int space = pos;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new IOException("malformed PAX record length at byte " + pos);
            }
            int end = pos + length;
            if (length <= 0 || end > data.length || data[end - 1] != '\n') {
                throw new IOException("malformed PAX record at byte " + pos);
            }
            int eq = space + 1;
            while (eq < end && data[eq] != '=') {
                eq++;
            }
            if (eq >= end) {
                throw new IOException("malformed PAX record at byte " + pos + ": no '='");
            }
            String key = new String(data, space + 1, eq - space - 1, StandardCharsets.UTF_8);
            if (key.startsWith(XATTR)) {
                byte[] value = new byte[end - 1 - (eq + 1)];
                System.arraycopy(data, eq + 1, value, 0, value.length);
                out.put(key.substring(XATTR.length()), value);
            }
            pos = end;
        }
        return out;
    }
}

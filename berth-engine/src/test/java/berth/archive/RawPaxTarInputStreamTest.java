package berth.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.sys.FileOps;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawPaxTarInputStreamTest {
    /** cap_net_raw and cap_setfcap, permitted + effective: its bytes 0x80.. are not valid UTF-8. */
    private static final byte[] CAPABILITY = {
        0x01, 0x00, 0x00, 0x02, 0x00, 0x20, 0x00, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    @TempDir
    Path root;

    @Test
    void unpack_keepsBinaryXattrValuesByteForByte() throws IOException {
        byte[] tar = tarWithXattr("ping", "security.capability", CAPABILITY);
        new LayerUnpacker().unpack(new ByteArrayInputStream(tar), root, Optional.empty());
        assertThat(FileOps.lgetxattr(root.resolve("ping"), "security.capability")).contains(CAPABILITY);
    }

    @Test
    void parseXattrs_readsRecordsAsBytesAndRejectsBrokenOnes() throws IOException {
        byte[] records = concat(record("path", "x".getBytes(StandardCharsets.UTF_8)),
                record("SCHILY.xattr.user.bin", new byte[] {(byte) 0xff, 0x00, (byte) 0xfe}));
        var parsed = RawPaxTarInputStream.parseXattrs(records);
        assertThat(parsed).containsOnlyKeys("user.bin");
        assertThat(parsed.get("user.bin")).containsExactly((byte) 0xff, 0x00, (byte) 0xfe);
        assertThatThrownBy(() -> RawPaxTarInputStream.parseXattrs("99 a=b\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IOException.class);
    }

    static byte[] record(String key, byte[] value) {
        byte[] k = (" " + key + "=").getBytes(StandardCharsets.UTF_8);
        int body = k.length + value.length + 1;
        int len = body + Integer.toString(body).length();
        if (Integer.toString(len).length() != Integer.toString(body).length()) {
            len++;
        }
        return concat(Integer.toString(len).getBytes(StandardCharsets.US_ASCII), k, value, new byte[] {'\n'});
    }

    /** A tar by hand: a PAX header (type 'x') with one xattr record, then an empty regular file. */
    static byte[] tarWithXattr(String file, String attr, byte[] value) {
        byte[] pax = record("SCHILY.xattr." + attr, value);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header("PaxHeaders/" + file, pax.length, 'x'));
        out.writeBytes(pax);
        out.writeBytes(new byte[(512 - pax.length % 512) % 512]);
        out.writeBytes(header(file, 0, '0'));
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static byte[] header(String name, long size, char type) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000755\0");
        put(h, 108, "0000000\0");
        put(h, 116, "0000000\0");
        put(h, 124, String.format("%011o\0", size));
        put(h, 136, "00000000000\0");
        put(h, 148, "        ");
        h[156] = (byte) type;
        put(h, 257, "ustar\0");
        put(h, 263, "00");
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o\0 ", sum));
        return h;
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}

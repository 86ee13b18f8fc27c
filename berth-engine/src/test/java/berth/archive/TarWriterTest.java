package berth.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;

class TarWriterTest {
    @Test
    void put_writesLongAndNonAsciiNamesBigIdsAndBinaryXattrsThroughOnePaxHeader() throws Exception {
        String longName = "d/" + "x".repeat(150);
        String link = "/" + "t".repeat(120);
        byte[] binary = {(byte) 0xff, 0, (byte) 0xfe, '\n'};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter w = new TarWriter(out);
        w.put(new TarWriter.Header(longName, TarWriter.REGULAR, 04755, 3_000_000, 7, 3, 1_700_000_000, "", 0, 0,
                Map.of("user.bin", binary)));
        w.writeContent(new ByteArrayInputStream("ab".getBytes(StandardCharsets.UTF_8))); // short: padded
        w.put(new TarWriter.Header("größe", TarWriter.SYMLINK, 0777, 0, 0, 0, 1, link, 0, 0, Map.of()));
        w.put(new TarWriter.Header("dev/null", TarWriter.CHAR_DEVICE, 0666, 0, 0, 0, 1, "", 1, 3, Map.of()));
        w.finish();
        byte[] tar = out.toByteArray();

        assertThat(tar.length % 512).isZero();
        List<TarArchiveEntry> entries = new ArrayList<>();
        List<Map<String, byte[]>> xattrs = new ArrayList<>();
        try (RawPaxTarInputStream in = new RawPaxTarInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.add(e);
                xattrs.add(in.rawXattrs());
                if (e.getName().equals(longName)) { // commons-compress's isFile is true for devices too
                    assertThat(e.getSize()).isEqualTo(3);
                    byte[] data = new byte[3];
                    assertThat(in.readNBytes(data, 0, 3)).isEqualTo(3);
                    assertThat(data).containsExactly('a', 'b', 0);
                }
            }
        }
        assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly(longName, "größe", "dev/null");
        assertThat(entries.get(0).getLongUserId()).isEqualTo(3_000_000);
        assertThat(entries.get(0).getMode() & 07777).isEqualTo(04755);
        assertThat(entries.get(0).getModTime().getTime()).isEqualTo(1_700_000_000_000L);
        assertThat(xattrs.get(0).get("user.bin")).containsExactly(binary);
        assertThat(entries.get(1).getLinkName()).isEqualTo(link);
        assertThat(entries.get(1).isSymbolicLink()).isTrue();
        assertThat(entries.get(2).isCharacterDevice()).isTrue();
        assertThat(entries.get(2).getDevMajor()).isEqualTo(1);
        assertThat(entries.get(2).getDevMinor()).isEqualTo(3);
    }

    @Test
    void paxRecords_countTheirOwnLengthAcrossADigitBoundary() {
        // 1 + 1 + 1 + 94 + 1 = 98 bytes without the length; "98" makes 100, which needs 3 digits: 101
        byte[] r = TarWriter.paxRecords(Map.of("k", "v".repeat(94).getBytes(StandardCharsets.US_ASCII)));
        assertThat(new String(r, StandardCharsets.US_ASCII)).startsWith(r.length + " k=");
    }
}

package berth.cli.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarTest {
    @Test
    void hostTree_roundTripsThroughTar_withLongNamesAndLinks(@TempDir Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/sub"));
        String longName = "n".repeat(150);
        Files.writeString(src.resolve(longName), "long");
        Files.writeString(dir.resolve("src/a.txt"), "hello");
        Files.createSymbolicLink(dir.resolve("src/link"), Path.of("a.txt"));
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        HostArchive.write(dir.resolve("src"), "copy", false, tar);

        Path out = Files.createDirectories(dir.resolve("out"));
        new Extractor(out, "copy", "renamed", false).extract(new ByteArrayInputStream(tar.toByteArray()));

        assertThat(Files.readString(out.resolve("renamed/a.txt"))).isEqualTo("hello");
        assertThat(Files.readString(out.resolve("renamed/sub/" + longName))).isEqualTo("long");
        assertThat(Files.readSymbolicLink(out.resolve("renamed/link"))).isEqualTo(Path.of("a.txt"));
    }

    @Test
    void extract_rejectsEntriesEscapingTheDestination(@TempDir Path dir) throws Exception {
        for (String evil : new String[] {"../evil", "a/../../evil"}) {
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            try (TarOutput t = new TarOutput(tar)) {
                byte[] data = "x".getBytes(StandardCharsets.UTF_8);
                t.write(new TarEntry(evil, TarEntry.Type.FILE, 0644, 0, 0, data.length, 0, ""), new ByteArrayInputStream(data));
            }
            Path out = Files.createDirectories(dir.resolve("out"));
            assertThatThrownBy(() -> new Extractor(out, null, null, false).extract(new ByteArrayInputStream(tar.toByteArray())))
                    .hasMessageContaining("outside the destination");
            assertThat(dir.resolve("evil")).doesNotExist();
        }
    }

    @Test
    void extract_rejectsWritingThroughASymlink(@TempDir Path dir) throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarOutput t = new TarOutput(tar)) {
            t.write(new TarEntry("l", TarEntry.Type.SYMLINK, 0777, 0, 0, 0, 0, outside.toString()), null);
            byte[] data = "x".getBytes(StandardCharsets.UTF_8);
            t.write(new TarEntry("l/f", TarEntry.Type.FILE, 0644, 0, 0, 1, 0, ""), new ByteArrayInputStream(data));
        }
        Path out = Files.createDirectories(dir.resolve("out"));
        assertThatThrownBy(() -> new Extractor(out, null, null, false).extract(new ByteArrayInputStream(tar.toByteArray())))
                .hasMessageContaining("through a symlink");
        assertThat(outside.resolve("f")).doesNotExist();
    }

    @Test
    void paxRecord_lengthCountsItself() {
        assertThat(TarOutput.record("path", "abc")).isEqualTo("12 path=abc\n");
        String r = TarOutput.record("path", "x".repeat(90));
        assertThat(r.getBytes(StandardCharsets.UTF_8).length).isEqualTo(Integer.parseInt(r.substring(0, r.indexOf(' '))));
    }
}

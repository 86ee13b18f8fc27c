package berth.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeArchiverTest {
    @TempDir
    Path dir;

    private static List<String> entries(byte[] tar) throws Exception {
        List<String> out = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.add(e.getName() + (e.isSymbolicLink() ? " -> " + e.getLinkName() : "")
                        + (e.isLink() ? " => " + e.getLinkName() : "") + (e.isFile() && !e.isLink() && !e.isSymbolicLink() ? " " + new String(in.readAllBytes()) : ""));
            }
        }
        return out;
    }

    @Test
    void write_namesEntriesAfterTheTopNameInLexicalOrderWithHardLinksAndSymlinksKept() throws Exception {
        Path d = Files.createDirectories(dir.resolve("src/b"));
        Files.writeString(dir.resolve("src/a"), "A");
        Files.createLink(d.resolve("same"), dir.resolve("src/a"));
        Files.createSymbolicLink(d.resolve("link"), Path.of("/nowhere"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TreeArchiver.write(dir.resolve("src"), Optional.of("top"), out);
        assertThat(entries(out.toByteArray())).containsExactly("top/", "top/a A", "top/b/", "top/b/link -> /nowhere",
                "top/b/same => top/a");
    }

    @Test
    void write_withoutATopNameLeavesTheRootOut() throws Exception {
        Files.createDirectories(dir.resolve("src/etc"));
        Files.writeString(dir.resolve("src/etc/hostname"), "h\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TreeArchiver.write(dir.resolve("src"), Optional.empty(), out);
        assertThat(entries(out.toByteArray())).containsExactly("etc/", "etc/hostname h\n");
    }
}

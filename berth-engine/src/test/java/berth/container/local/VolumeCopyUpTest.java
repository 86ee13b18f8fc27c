package berth.container.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeCopyUpTest {
    @TempDir
    Path tmp;

    private static Object attr(Path p, String name) throws Exception {
        return Files.getAttribute(p, "unix:" + name, LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void copy_keepsOwnersModesTimesAndSymlinks_andTheRootTakesTheSourcesOwner() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("image/data"));
        Files.createDirectories(src.resolve("sub"));
        Files.writeString(src.resolve("sub/f"), "content");
        Files.createSymbolicLink(src.resolve("link"), Path.of("/etc/shadow"));
        Files.setAttribute(src, "unix:uid", 1000, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(src, "unix:gid", 1001, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(src.resolve("sub/f"), "unix:uid", 1002, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(src.resolve("sub/f"), "unix:mode", 04750, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(src, "unix:mode", 0750, LinkOption.NOFOLLOW_LINKS);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(src.resolve("sub"), old);
        Path volume = Files.createDirectories(tmp.resolve("volume/_data"));

        VolumeCopyUp.copy(src, volume);

        assertThat(volume.resolve("sub/f")).hasContent("content");
        assertThat(attr(volume, "uid")).isEqualTo(1000);
        assertThat(attr(volume, "gid")).isEqualTo(1001);
        assertThat((int) attr(volume, "mode") & 07777).isEqualTo(0750);
        assertThat(attr(volume.resolve("sub/f"), "uid")).isEqualTo(1002);
        assertThat((int) attr(volume.resolve("sub/f"), "mode") & 07777).isEqualTo(04750);
        assertThat(Files.readSymbolicLink(volume.resolve("link"))).isEqualTo(Path.of("/etc/shadow"));
        assertThat(Files.getLastModifiedTime(volume.resolve("sub"))).isEqualTo(old);
    }
}

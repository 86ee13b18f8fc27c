package berth.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOpsTest {
    @TempDir
    Path dir;

    @Test
    void mknod_createsCharacterDeviceWithGivenNumbers() throws Exception {
        Path dev = dir.resolve("null");
        FileOps.mknod(dev, FileOps.S_IFCHR | 0666, FileOps.makedev(1, 3));
        assertThat(Files.getAttribute(dev, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isEqualTo(FileOps.makedev(1, 3));
        assertThat(Files.isRegularFile(dev, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(((Integer) Files.getAttribute(dev, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 0170000)
                .isEqualTo(FileOps.S_IFCHR);
    }

    @Test
    void mknod_createsFifo() throws Exception {
        Path fifo = dir.resolve("fifo");
        FileOps.mknod(fifo, FileOps.S_IFIFO | 0600, 0);
        assertThat(((Integer) Files.getAttribute(fifo, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 0170000)
                .isEqualTo(FileOps.S_IFIFO);
    }

    @Test
    void mknod_failsWithErrnoWhenPathExists() throws Exception {
        Path f = Files.createFile(dir.resolve("f"));
        assertThatThrownBy(() -> FileOps.mknod(f, FileOps.S_IFIFO | 0600, 0))
                .isInstanceOf(ErrnoException.class)
                .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(ErrnoException.EEXIST));
    }

    @Test
    void lchown_changesTheLinkNotItsTarget() throws Exception {
        Path target = Files.createFile(dir.resolve("target"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        FileOps.lchown(link, 1234, 4321);
        assertThat(Files.getAttribute(link, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(1234);
        assertThat(Files.getAttribute(link, "unix:gid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(4321);
        assertThat(Files.getAttribute(target, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0);
    }

    @Test
    void chmod_keepsSetuidAndStickyBits() throws Exception {
        Path f = Files.createFile(dir.resolve("f"));
        FileOps.chmod(f, 04755);
        assertThat(((Integer) Files.getAttribute(f, "unix:mode")) & 07777).isEqualTo(04755);
        Path d = Files.createDirectory(dir.resolve("d"));
        FileOps.chmod(d, 01777);
        assertThat(((Integer) Files.getAttribute(d, "unix:mode")) & 07777).isEqualTo(01777);
    }

    @Test
    void xattr_roundTripsBinaryValueAndListsIt() throws Exception {
        Path d = Files.createDirectory(dir.resolve("d"));
        byte[] value = {1, 0, (byte) 0xff, 'y'};
        FileOps.lsetxattr(d, "trusted.berth.test", value);
        assertThat(FileOps.lgetxattr(d, "trusted.berth.test")).hasValue(value);
        assertThat(FileOps.llistxattr(d)).contains("trusted.berth.test");
        assertThat(FileOps.lgetxattr(d, "trusted.berth.absent")).isEmpty();
        FileOps.lsetxattr(d, "trusted.overlay.opaque", "y".getBytes(StandardCharsets.UTF_8));
        assertThat(FileOps.lgetxattr(d, "trusted.overlay.opaque")).hasValue(new byte[] {'y'});
    }

    @Test
    void setTimes_setsSymlinkTimesWithoutTouchingTarget() throws Exception {
        Path target = Files.createFile(dir.resolve("target"));
        FileTime before = Files.getLastModifiedTime(target);
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        Instant t = Instant.parse("2001-02-03T04:05:06.123456789Z");
        FileOps.setTimes(link, t, t);
        assertThat(Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS).toInstant()).isEqualTo(t);
        assertThat(Files.getLastModifiedTime(target)).isEqualTo(before);
    }
}

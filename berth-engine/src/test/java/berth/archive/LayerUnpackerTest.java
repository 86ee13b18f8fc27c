package berth.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.content.Digest;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.sys.FileOps;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerUnpackerTest {
    @TempDir
    Path tmp;
    Path root;
    Path outside;
    Path secret;
    final LayerUnpacker unpacker = new LayerUnpacker();

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectory(tmp.resolve("root"));
        outside = Files.createDirectory(tmp.resolve("outside"));
        secret = Files.writeString(outside.resolve("secret"), "untouched");
    }

    private UnpackResult unpack(byte[] tar) {
        return unpacker.unpack(new ByteArrayInputStream(tar), root);
    }

    private void assertOutsideUntouched() throws Exception {
        assertThat(Files.readString(secret)).isEqualTo("untouched");
        try (var s = Files.list(outside)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("secret");
        }
        assertThat(Files.getAttribute(secret, "unix:nlink")).isEqualTo(1);
    }

    private static void assertInvalidTar(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOf(BerthException.class)
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageStartingWith("invalid tar: ");
    }

    @Test
    void unpack_restoresFilesDirsLinksOwnersModesAndTimes() throws Exception {
        TarArchiveEntry fifo = new TarArchiveEntry("dev/fifo", TarConstants.LF_FIFO);
        fifo.setMode(0600);
        TarArchiveEntry nul = new TarArchiveEntry("dev/null", TarConstants.LF_CHR);
        nul.setDevMajor(1);
        nul.setDevMinor(3);
        nul.setMode(0666);
        TarArchiveEntry capped = new TarArchiveEntry("bin/ping", TarConstants.LF_NORMAL);
        capped.setSize(4);
        capped.setMode(0755);
        capped.addPaxHeader("SCHILY.xattr.trusted.berth", "v1");
        byte[] tar = new TarBuilder()
                .dir("bin", 0750)
                .file("bin/su", "suid", 04755, 0, 0)
                .file("home/user/f", "data", 0640, 1000, 1001)
                .symlink("bin/sh", "busybox")
                .hardlink("bin/su2", "bin/su")
                .dir("tmp", 01777)
                .dir("dev")
                .entry(fifo, null)
                .entry(nul, null)
                .entry(capped, "ping".getBytes(StandardCharsets.UTF_8))
                .build();

        UnpackResult r = unpack(tar);

        assertThat(r.diffId()).isEqualTo(Digest.sha256(tar));
        assertThat(r.size()).isEqualTo(4 + 4 + 4);
        assertThat(Files.readString(root.resolve("home/user/f"))).isEqualTo("data");
        assertThat(Files.getAttribute(root.resolve("home/user/f"), "unix:uid")).isEqualTo(1000);
        assertThat(Files.getAttribute(root.resolve("home/user/f"), "unix:gid")).isEqualTo(1001);
        assertThat(mode(root.resolve("bin/su"))).isEqualTo(04755);
        assertThat(mode(root.resolve("bin"))).isEqualTo(0750);
        assertThat(mode(root.resolve("tmp"))).isEqualTo(01777);
        assertThat(Files.readSymbolicLink(root.resolve("bin/sh")).toString()).isEqualTo("busybox");
        assertThat(Files.getAttribute(root.resolve("bin/su"), "unix:nlink")).isEqualTo(2);
        assertThat(Files.getAttribute(root.resolve("dev/null"), "unix:rdev")).isEqualTo(FileOps.makedev(1, 3));
        assertThat(Files.getAttribute(root.resolve("dev/fifo"), "unix:mode", LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(FileOps.S_IFIFO | 0600);
        assertThat(FileOps.lgetxattr(root.resolve("bin/ping"), "trusted.berth")).hasValue("v1".getBytes(StandardCharsets.UTF_8));
        Instant t = Instant.parse("2019-05-06T07:08:09Z");
        assertThat(Files.getLastModifiedTime(root.resolve("bin"), LinkOption.NOFOLLOW_LINKS)).isEqualTo(FileTime.from(t));
        assertThat(Files.getLastModifiedTime(root.resolve("bin/sh"), LinkOption.NOFOLLOW_LINKS)).isEqualTo(FileTime.from(t));
    }

    @Test
    void unpack_gzipAndPlainGiveTheSameDiffIdAndCopyTheUncompressedStream() throws Exception {
        byte[] tar = new TarBuilder().file("a", "hello").build();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(tar);
        }
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        UnpackResult r = unpacker.unpack(new ByteArrayInputStream(gz.toByteArray()), root, Optional.of(copy));
        assertThat(r.diffId()).isEqualTo(Digest.sha256(tar));
        assertThat(copy.toByteArray()).isEqualTo(tar);
        assertThat(Files.readString(root.resolve("a"))).isEqualTo("hello");
    }

    @Test
    void unpack_convertsWhiteoutsToOverlayForm() throws Exception {
        byte[] tar = new TarBuilder().dir("etc").file("etc/.wh.passwd", "").dir("var/cache")
                .file("var/cache/.wh..wh..opq", "").file(".wh..wh.plnk", "").build();
        unpack(tar);
        Path wh = root.resolve("etc/passwd");
        assertThat(Files.getAttribute(wh, "unix:mode", LinkOption.NOFOLLOW_LINKS)).isEqualTo(FileOps.S_IFCHR);
        assertThat(Files.getAttribute(wh, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0L);
        assertThat(Files.exists(root.resolve("etc/.wh.passwd"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(FileOps.lgetxattr(root.resolve("var/cache"), "trusted.overlay.opaque")).hasValue(new byte[] {'y'});
        assertThat(Files.exists(root.resolve(".wh..wh.plnk"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void unpack_rejectsDotDotEscapingRoot() throws Exception {
        byte[] tar = new TarBuilder().file("../outside/secret", "pwned").build();
        assertInvalidTar(() -> unpack(tar));
        byte[] deeper = new TarBuilder().file("a/../../outside/new", "pwned").build();
        assertInvalidTar(() -> unpack(deeper));
        assertOutsideUntouched();
    }

    @Test
    void unpack_keepsAbsoluteNamesInsideRoot() throws Exception {
        unpack(new TarBuilder().file(outside.resolve("secret").toString(), "pwned").build());
        assertOutsideUntouched();
        assertThat(Files.readString(root.resolve(outside.toString().substring(1)).resolve("secret"))).isEqualTo("pwned");
    }

    @Test
    void unpack_neverWritesThroughAbsoluteSymlinkToOutside() throws Exception {
        unpack(new TarBuilder().symlink("link", outside.toString()).file("link/secret", "pwned")
                .file("link/new", "pwned").build());
        assertOutsideUntouched();
        assertThat(Files.readString(root.resolve(outside.toString().substring(1)).resolve("secret"))).isEqualTo("pwned");
    }

    @Test
    void unpack_neverWritesThroughRelativeSymlinkClimbingOut() throws Exception {
        unpack(new TarBuilder().dir("a").symlink("a/up", "../../../../../../../../" + outside)
                .file("a/up/secret", "pwned").build());
        assertOutsideUntouched();
    }

    @Test
    void unpack_symlinkReplacingDirectoryIsNotWrittenThrough() throws Exception {
        unpack(new TarBuilder().dir("d").file("d/x", "1").symlink("d", outside.toString())
                .file("d/secret", "pwned").build());
        assertOutsideUntouched();
        assertThat(Files.isSymbolicLink(root.resolve("d"))).isTrue();
    }

    @Test
    void unpack_fileOverSymlinkReplacesTheLinkNotItsTarget() throws Exception {
        unpack(new TarBuilder().symlink("f", secret.toString()).file("f", "pwned").build());
        assertOutsideUntouched();
        assertThat(Files.isSymbolicLink(root.resolve("f"))).isFalse();
        assertThat(Files.readString(root.resolve("f"))).isEqualTo("pwned");
    }

    @Test
    void unpack_rejectsHardLinkToOutsideFile() throws Exception {
        assertInvalidTar(() -> unpack(new TarBuilder().hardlink("h", secret.toString()).build()));
        assertInvalidTar(() -> unpack(new TarBuilder().hardlink("h2", "../outside/secret").build()));
        assertOutsideUntouched();
    }

    @Test
    void unpack_rejectsHardLinkThroughSymlinkToOutside() throws Exception {
        assertInvalidTar(() -> unpack(new TarBuilder().symlink("s", outside.toString()).hardlink("h", "s/secret").build()));
        assertOutsideUntouched();
    }

    @Test
    void unpack_hardLinkToSymlinkLinksTheSymlinkItself() throws Exception {
        unpack(new TarBuilder().symlink("s", secret.toString()).hardlink("h", "s").file("h", "pwned").build());
        assertOutsideUntouched();
    }

    @Test
    void unpack_rejectsHardLinkToDirectory() throws Exception {
        assertInvalidTar(() -> unpack(new TarBuilder().dir("d").hardlink("h", "d").build()));
    }

    @Test
    void unpack_whiteoutThroughSymlinkStaysInside() throws Exception {
        unpack(new TarBuilder().symlink("s", outside.toString()).file("s/.wh.secret", "")
                .file("s/.wh..wh..opq", "").build());
        assertOutsideUntouched();
        assertThat(FileOps.lgetxattr(outside, "trusted.overlay.opaque")).isEmpty();
    }

    @Test
    void unpack_rejectsFileUsedAsDirectory() throws Exception {
        assertInvalidTar(() -> unpack(new TarBuilder().file("f", "x").file("f/g", "y").build()));
    }

    @Test
    void unpack_rejectsGarbage() {
        byte[] junk = new byte[1024];
        java.util.Arrays.fill(junk, (byte) 'x');
        assertInvalidTar(() -> unpack(junk));
    }

    private static int mode(Path p) throws Exception {
        return ((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 07777;
    }
}

package berth.archive;

import static org.assertj.core.api.Assertions.assertThat;

import berth.content.Digest;
import berth.sys.FileOps;
import berth.sys.Mounts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layer of a real overlay mount's upper directory (needs root for the mount and trusted.* xattrs). */
class OverlayLayerWriterTest {
    private static final byte[] CAPABILITY = {1, 0, 0, 2, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    @TempDir
    Path dir;
    Path lower;
    Path upper;
    Path merged;

    @BeforeEach
    void mount() throws Exception {
        lower = Files.createDirectories(dir.resolve("lower"));
        upper = Files.createDirectories(dir.resolve("upper"));
        Path work = Files.createDirectories(dir.resolve("work"));
        merged = Files.createDirectories(dir.resolve("merged"));
        Files.createDirectories(lower.resolve("etc"));
        Files.writeString(lower.resolve("etc/passwd"), "root:x:0:0\n");
        Files.writeString(lower.resolve("etc/gone"), "bye");
        Files.createDirectories(lower.resolve("var/cache/a"));
        Files.writeString(lower.resolve("var/cache/a/old"), "old");
        Files.createDirectories(lower.resolve("old/deep"));
        Files.writeString(lower.resolve("old/deep/f"), "f");
        Files.createDirectories(lower.resolve("same"));
        Mounts.mountOverlay(List.of(lower), upper, work, merged);
    }

    @AfterEach
    void unmount() throws Exception {
        Mounts.unmount(merged, true);
    }

    @Test
    void write_recordsAdditionsChangesDeletionsAndOpaqueDirectoriesAsALayer() throws Exception {
        Files.writeString(merged.resolve("etc/passwd"), "root:x:0:0\nme:x:1000:1000\n");
        Files.delete(merged.resolve("etc/gone"));
        FileTrees.delete(merged.resolve("old"));
        FileTrees.delete(merged.resolve("var/cache"));
        Files.createDirectories(merged.resolve("var/cache"));
        Files.writeString(merged.resolve("var/cache/new"), "new");
        Files.writeString(merged.resolve("hello"), "hello\n");
        Files.setPosixFilePermissions(merged.resolve("hello"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(merged.resolve("link"), Path.of("/etc/passwd"));
        Files.createLink(merged.resolve("hard"), merged.resolve("hello"));
        FileOps.mknod(merged.resolve("fifo"), FileOps.S_IFIFO | 0640, 0);
        FileOps.lsetxattr(merged.resolve("hello"), "user.note", "hi".getBytes(StandardCharsets.UTF_8));
        FileOps.lsetxattr(merged.resolve("hello"), "security.capability", CAPABILITY);

        byte[] layer = layerOf(upper, OverlayLayerWriter.Options.NONE);
        Map<String, TarArchiveEntry> entries = entries(layer);

        assertThat(entries.keySet()).containsExactly("etc/", "etc/.wh.gone", "etc/passwd", "fifo", "hard", "hello",
                "link", ".wh.old", "var/", "var/cache/", "var/cache/.wh..wh..opq", "var/cache/new");
        assertThat(entries.get("etc/.wh.gone").getLinkFlag()).isEqualTo(TarConstants.LF_NORMAL); // not a device
        assertThat(entries.get(".wh.old").getLinkFlag()).isEqualTo(TarConstants.LF_NORMAL);
        assertThat(entries.get("var/cache/.wh..wh..opq").getLinkFlag()).isEqualTo(TarConstants.LF_NORMAL);
        assertThat(entries.get("etc/.wh.gone").getSize()).isZero();
        // the first name written carries the content, the second links to it
        assertThat(entries.get("hard").getMode() & 07777).isEqualTo(0750);
        assertThat(entries.get("hard").getSize()).isEqualTo(6);
        assertThat(entries.get("hello").isLink()).isTrue();
        assertThat(entries.get("hello").getLinkName()).isEqualTo("hard");
        assertThat(entries.get("link").isSymbolicLink()).isTrue();
        assertThat(entries.get("link").getLinkName()).isEqualTo("/etc/passwd");
        assertThat(entries.get("fifo").isFIFO()).isTrue();
        assertThat(entries.get("var/cache/").isDirectory()).isTrue();
        assertThat(entries.get("var/cache/").getExtraPaxHeaders()).doesNotContainKey("SCHILY.xattr.trusted.overlay.opaque");
        assertThat(new String(layer, StandardCharsets.ISO_8859_1)).doesNotContain("trusted.overlay");
    }

    @Test
    void write_keepsBinaryXattrsThatTheUnpackerRestores() throws Exception {
        Files.writeString(merged.resolve("ping"), "elf");
        FileOps.lsetxattr(merged.resolve("ping"), "security.capability", CAPABILITY);
        FileOps.lsetxattr(merged.resolve("ping"), "user.note", "hi".getBytes(StandardCharsets.UTF_8));

        byte[] layer = layerOf(upper, OverlayLayerWriter.Options.NONE);
        Path out = Files.createDirectories(dir.resolve("out"));
        new LayerUnpacker().unpack(new ByteArrayInputStream(layer), out);

        assertThat(FileOps.lgetxattr(out.resolve("ping"), "security.capability")).hasValue(CAPABILITY);
        assertThat(FileOps.lgetxattr(out.resolve("ping"), "user.note")).hasValue("hi".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(out.resolve("ping"))).isEqualTo("elf");
    }

    @Test
    void write_unpacksToTheSameTreeTheMountShows() throws Exception {
        FileTrees.delete(merged.resolve("var/cache"));
        Files.createDirectories(merged.resolve("var/cache"));
        Files.writeString(merged.resolve("var/cache/new"), "new");
        Files.delete(merged.resolve("etc/gone"));
        byte[] layer = layerOf(upper, OverlayLayerWriter.Options.NONE);

        // the layer over the same lower, as the image store stacks it, shows what the container saw
        Path top = Files.createDirectories(dir.resolve("top"));
        new LayerUnpacker().unpack(new ByteArrayInputStream(layer), top);
        Path view = Files.createDirectories(dir.resolve("view"));
        Mounts.mountOverlay(List.of(top, lower), Files.createDirectories(dir.resolve("u2")),
                Files.createDirectories(dir.resolve("w2")), view);
        try {
            assertThat(Files.exists(view.resolve("etc/gone"))).isFalse();
            assertThat(Files.exists(view.resolve("var/cache/a"))).isFalse();
            assertThat(Files.readString(view.resolve("var/cache/new"))).isEqualTo("new");
            assertThat(Files.readString(view.resolve("etc/passwd"))).isEqualTo("root:x:0:0\n");
        } finally {
            Mounts.unmount(view, true);
        }
    }

    @Test
    void write_isReproducibleAndAnEmptyUpperIsDockersEmptyLayer() throws Exception {
        assertThat(Digest.sha256(layerOf(upper, OverlayLayerWriter.Options.NONE)).toString())
                .isEqualTo("sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef");
        Files.writeString(merged.resolve("a"), "a");
        Files.createDirectories(merged.resolve("b/c"));
        assertThat(layerOf(upper, OverlayLayerWriter.Options.NONE)).isEqualTo(layerOf(upper, OverlayLayerWriter.Options.NONE));
    }

    @Test
    void write_leavesOutExcludedPathsAndDirectoriesThatOnlyHeldThem() throws Exception {
        Files.createDirectories(merged.resolve("proc"));
        Files.writeString(merged.resolve("etc/hosts"), "");
        Files.createDirectories(merged.resolve("dev/pts"));
        Files.writeString(merged.resolve("dev/null2"), "");
        var options = new OverlayLayerWriter.Options(Set.of("/proc", "/etc/hosts", "/dev/pts"), Set.of("/etc", "/dev"));

        assertThat(entries(layerOf(upper, options)).keySet()).containsExactly("dev/", "dev/null2");
    }

    private static byte[] layerOf(Path upper, OverlayLayerWriter.Options options) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OverlayLayerWriter.write(upper, options, out);
        return out.toByteArray();
    }

    private static Map<String, TarArchiveEntry> entries(byte[] layer) throws Exception {
        Map<String, TarArchiveEntry> out = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        try (RawPaxTarInputStream in = new RawPaxTarInputStream(new ByteArrayInputStream(layer))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), e);
                order.add(e.getName());
            }
        }
        assertThat(order).doesNotHaveDuplicates();
        return out;
    }

    /** Deletes through the mount, as a container's {@code rm -rf} does. */
    private static final class FileTrees {
        static void delete(Path p) throws Exception {
            berth.store.FileTrees.deleteRecursively(p);
        }
    }
}

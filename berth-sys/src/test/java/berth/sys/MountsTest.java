package berth.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MountsTest {
    private Path dir;
    private final List<Path> mounted = new ArrayList<>();

    @BeforeEach
    void makeDir() throws IOException {
        dir = Files.createTempDirectory("berth-mounts");
    }

    @AfterEach
    void cleanUp() throws IOException {
        for (Path m : mounted.reversed()) {
            if (Mounts.isMountPoint(m)) {
                Mounts.unmount(m, true);
            }
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Test
    void mountOverlay_showsTopmostLowerFirstAndWritesGoToUpper() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(isRoot(), "needs root");
        Path low1 = Files.createDirectories(dir.resolve("l1"));
        Path low2 = Files.createDirectories(dir.resolve("l2"));
        Path upper = Files.createDirectories(dir.resolve("u"));
        Path work = Files.createDirectories(dir.resolve("w"));
        Path target = Files.createDirectories(dir.resolve("m"));
        Files.writeString(low1.resolve("f"), "top");
        Files.writeString(low2.resolve("f"), "bottom");
        Files.writeString(low2.resolve("only-bottom"), "b");

        Mounts.mountOverlay(List.of(low1, low2), upper, work, target);
        mounted.add(target);

        assertThat(Mounts.isMountPoint(target)).isTrue();
        assertThat(Files.readString(target.resolve("f"))).isEqualTo("top");
        assertThat(Files.readString(target.resolve("only-bottom"))).isEqualTo("b");
        Files.writeString(target.resolve("new"), "n");
        assertThat(Files.readString(upper.resolve("new"))).isEqualTo("n");
        assertThat(low1.resolve("new")).doesNotExist();

        Mounts.unmount(target, false);
        assertThat(Mounts.isMountPoint(target)).isFalse();
        assertThat(target.resolve("f")).doesNotExist();
    }

    @Test
    void mountOverlay_failsClearlyWhenOptionsExceedThePageSize() throws IOException {
        List<Path> lowers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lowers.add(dir.resolve("a-rather-long-layer-directory-name-" + i));
        }
        Path target = Files.createDirectories(dir.resolve("m"));
        assertThatThrownBy(() -> Mounts.mountOverlay(lowers, dir.resolve("u"), dir.resolve("w"), target))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("page size")
                .hasMessageContaining("200 lower layers");
    }

    @Test
    void overlayOptions_rejectsPathsWithSeparators() {
        assertThatThrownBy(() -> Mounts.overlayOptions(List.of(Path.of("/a:b")), Path.of("/u"), Path.of("/w")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/a:b");
        assertThat(Mounts.overlayOptions(List.of(Path.of("/a"), Path.of("/b")), Path.of("/u"), Path.of("/w")))
                .isEqualTo("lowerdir=/a:/b,upperdir=/u,workdir=/w");
    }

    @Test
    void bind_readOnlyRefusesWritesAndReadWriteAllowsThem() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(isRoot(), "needs root");
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("f"), "x");
        Path ro = Files.createDirectories(dir.resolve("ro"));
        Path rw = Files.createDirectories(dir.resolve("rw"));

        Mounts.bind(src, ro, true);
        mounted.add(ro);
        Mounts.bind(src, rw, false);
        mounted.add(rw);

        assertThat(Files.readString(ro.resolve("f"))).isEqualTo("x");
        assertThatThrownBy(() -> Files.writeString(ro.resolve("g"), "y")).isInstanceOf(IOException.class);
        Files.writeString(rw.resolve("g"), "y");
        assertThat(Files.readString(src.resolve("g"))).isEqualTo("y");
    }

    @Test
    void unmount_ofANonMountPointReportsErrno() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(isRoot(), "needs root");
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertThatThrownBy(() -> Mounts.unmount(plain, false))
                .isInstanceOf(ErrnoException.class)
                .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(ErrnoException.EINVAL))
                .hasMessageContaining(plain.toString());
    }

    @Test
    void unescapeMountInfo_decodesOctalEscapes() {
        assertThat(Mounts.unescapeMountInfo("/a\\040b\\134c")).isEqualTo("/a b\\c");
        assertThat(Mounts.unescapeMountInfo("/plain")).isEqualTo("/plain");
    }
}

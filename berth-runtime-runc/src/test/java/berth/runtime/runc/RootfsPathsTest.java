package berth.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RootfsPathsTest {
    private Path root;

    @BeforeEach
    void makeRoot() throws IOException {
        root = Files.createTempDirectory("berth-rootfs");
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("real"));
        Files.writeString(root.resolve("real/passwd"), "inside");
    }

    @AfterEach
    void cleanUp() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void absoluteSymlinkStaysInsideTheRootfs() throws IOException {
        Files.createSymbolicLink(root.resolve("etc/passwd"), Path.of("/real/passwd"));
        assertThat(RootfsPaths.readIfExists(root, "/etc/passwd")).isEqualTo("inside");
    }

    @Test
    void dotDotCannotClimbAboveTheRootfs() throws IOException {
        Files.createSymbolicLink(root.resolve("etc/passwd"), Path.of("../../../../../real/passwd"));
        assertThat(RootfsPaths.resolve(root, "/etc/passwd")).isEqualTo(root.resolve("real/passwd"));
    }

    @Test
    void linkToAHostFileThatTheRootfsLacksReadsNothing() throws IOException {
        Files.createSymbolicLink(root.resolve("etc/passwd"), Path.of("/etc/hostname"));
        assertThat(RootfsPaths.readIfExists(root, "/etc/passwd")).isNull();
    }

    @Test
    void symlinkLoopsAreReported() throws IOException {
        Files.createSymbolicLink(root.resolve("etc/passwd"), Path.of("/etc/passwd"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RootfsPaths.resolve(root, "/etc/passwd"))
                .hasMessageContaining("too many levels");
    }
}

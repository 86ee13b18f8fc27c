package berth.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootedTreeTest {
    @TempDir
    Path dir;

    @Test
    void follow_resolvesAbsoluteAndClimbingSymlinksInsideTheRoot() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root/etc"));
        root = root.getParent();
        Files.createSymbolicLink(root.resolve("abs"), Path.of("/etc"));
        Files.createSymbolicLink(root.resolve("up"), Path.of("../../../../.."));
        RootedTree t = new RootedTree(root);
        Path real = root.toRealPath();
        assertThat(t.follow("/abs/passwd")).isEqualTo(real.resolve("etc/passwd"));
        assertThat(t.follow("up/etc")).isEqualTo(real.resolve("etc"));
        assertThat(t.follow("/../../x/..")).isEqualTo(real);
        assertThat(t.inTree(t.follow("/up"))).isEqualTo("/");
        assertThat(t.inTree(t.follow("/missing/deeper"))).isEqualTo("/missing/deeper");
    }

    @Test
    void follow_refusesSymlinkLoops() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("a"));
        assertThatThrownBy(() -> new RootedTree(root).follow("/a/x"))
                .isInstanceOf(BerthException.class).hasMessageContaining("too many levels of symbolic links");
    }
}

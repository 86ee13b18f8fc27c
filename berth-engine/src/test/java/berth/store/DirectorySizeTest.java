package berth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySizeTest {
    @TempDir
    Path dir;

    @Test
    void of_sumsTheFilesOfTheWholeTree() throws IOException {
        Files.write(dir.resolve("a"), new byte[1000]);
        Files.createDirectories(dir.resolve("x/y"));
        Files.write(dir.resolve("x/y/b"), new byte[234]);
        Files.write(dir.resolve("x/empty"), new byte[0]);

        assertThat(DirectorySize.of(dir)).isEqualTo(1234);
    }

    @Test
    void of_countsAHardLinkedFileOnce() throws IOException {
        Files.write(dir.resolve("f"), new byte[5 * 1024 * 1024]);
        Files.createDirectories(dir.resolve("sub"));
        Files.createLink(dir.resolve("sub/g"), dir.resolve("f"));
        Files.createLink(dir.resolve("h"), dir.resolve("f"));

        assertThat(DirectorySize.of(dir)).isEqualTo(5 * 1024 * 1024);
    }

    @Test
    void of_countsASymlinkByItsTargetNameAndNeverFollowsIt(@TempDir Path outside) throws IOException {
        Files.write(outside.resolve("big"), new byte[100_000]);
        Files.createSymbolicLink(dir.resolve("link"), outside.resolve("big"));
        Files.createSymbolicLink(dir.resolve("dirlink"), outside);

        assertThat(DirectorySize.of(dir)).isEqualTo(outside.resolve("big").toString().length() + outside.toString().length());
    }

    @Test
    void of_anEmptyDirectoryIsZero() throws IOException {
        assertThat(DirectorySize.of(dir)).isZero();
    }

    @Test
    void of_refusesAMissingRoot() {
        assertThatThrownBy(() -> DirectorySize.of(dir.resolve("gone"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void of_refusesARootThatIsASymlink() throws IOException {
        Files.createDirectories(dir.resolve("real"));
        Files.write(dir.resolve("real/f"), new byte[10]);
        Files.createSymbolicLink(dir.resolve("l"), dir.resolve("real"));

        assertThatThrownBy(() -> DirectorySize.of(dir.resolve("l"))).isInstanceOf(NoSuchFileException.class);
    }
}

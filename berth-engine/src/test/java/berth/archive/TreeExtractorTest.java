package berth.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeExtractorTest {
    private static final TreeExtractor.Options PLAIN = new TreeExtractor.Options(false, Optional.empty());
    @TempDir
    Path dir;
    Path root;
    Path outside;
    RootedTree tree;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(dir.resolve("root/tmp"));
        root = root.getParent().toRealPath();
        outside = Files.createDirectories(dir.resolve("outside")).toRealPath();
        tree = new RootedTree(root);
    }

    private void extract(byte[] tar, String dest, TreeExtractor.Options o) throws Exception {
        new TreeExtractor(tree).extract(new ByteArrayInputStream(tar), tree.follow(dest), o);
    }

    @Test
    void extract_writesFilesDirectoriesAndOwners() throws Exception {
        extract(new TarBuilder().dir("d").file("d/f", "hi", 0640, 12, 34).symlink("d/l", "f").build(), "/tmp", PLAIN);
        Path f = root.resolve("tmp/d/f");
        assertThat(f).hasContent("hi");
        assertThat(Files.getAttribute(f, "unix:uid")).isEqualTo(12);
        assertThat(Files.getAttribute(f, "unix:mode")).isEqualTo(0100640);
        assertThat(Files.readSymbolicLink(root.resolve("tmp/d/l")).toString()).isEqualTo("f");

        extract(new TarBuilder().file("g", "x", 0644, 5, 5).build(), "/tmp",
                new TreeExtractor.Options(false, Optional.of(new TreeExtractor.Owner(7, 8))));
        assertThat(Files.getAttribute(root.resolve("tmp/g"), "unix:gid")).isEqualTo(8);
    }

    @Test
    void extract_refusesNamesAndLinksClimbingOutOfTheDestination() {
        assertThatThrownBy(() -> extract(new TarBuilder().file("../x", "x").build(), "/tmp", PLAIN))
                .isInstanceOf(BerthException.class).hasMessageContaining("is outside of \"/tmp\"");
        assertThatThrownBy(() -> extract(new TarBuilder().symlink("l", "../../etc").build(), "/tmp", PLAIN))
                .isInstanceOf(BerthException.class).hasMessageContaining("invalid symlink \"/tmp/l\"");
        assertThatThrownBy(() -> extract(new TarBuilder().hardlink("h", "../etc/shadow").build(), "/tmp", PLAIN))
                .isInstanceOf(BerthException.class).hasMessageContaining("invalid hardlink");
        assertThat(root.resolve("x")).doesNotExist();
        assertThat(root.resolve("tmp/l")).doesNotExist();
    }

    @Test
    void extract_throughAnAbsoluteSymlinkStaysInsideTheRoot() throws Exception {
        extract(new TarBuilder().symlink("evil", outside.toString()).file("evil/pwned", "x").build(), "/", PLAIN);
        assertThat(outside.resolve("pwned")).doesNotExist();
        assertThat(root.resolve(outside.toString().substring(1)).resolve("pwned")).hasContent("x");
    }

    @Test
    void extract_replacesAPlantedSymlinkInsteadOfWritingThroughIt() throws Exception {
        Files.createSymbolicLink(root.resolve("tmp/f"), outside.resolve("target"));
        extract(new TarBuilder().file("f", "new").build(), "/tmp", PLAIN);
        assertThat(outside.resolve("target")).doesNotExist();
        assertThat(Files.isSymbolicLink(root.resolve("tmp/f"))).isFalse();
        assertThat(root.resolve("tmp/f")).hasContent("new");
    }

    @Test
    void extract_noOverwriteDirNonDirRefusesTypeChanges() throws Exception {
        Files.createDirectories(root.resolve("tmp/d"));
        Files.writeString(root.resolve("tmp/f"), "old");
        TreeExtractor.Options strict = new TreeExtractor.Options(true, Optional.empty());
        assertThatThrownBy(() -> extract(new TarBuilder().file("d", "x").build(), "/tmp", strict))
                .isInstanceOf(BerthException.class).extracting(e -> ((BerthException) e).kind())
                .isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThatThrownBy(() -> extract(new TarBuilder().dir("f").build(), "/tmp", strict))
                .hasMessage("cannot overwrite non-directory \"/tmp/f\" with directory \"/tmp\"");
        extract(new TarBuilder().file("d", "x").build(), "/tmp", PLAIN);
        assertThat(Files.isRegularFile(root.resolve("tmp/d"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}

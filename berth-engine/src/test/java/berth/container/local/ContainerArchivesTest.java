package berth.container.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.container.ExtractOptions;
import berth.container.PathStat;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerArchivesTest {
    @TempDir
    Path root;
    ContainerArchives archives;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "root\n");
        Files.createSymbolicLink(root.resolve("link"), Path.of("../../etc"));
        archives = new ContainerArchives(root, "c1");
    }

    @Test
    void dockerPath_keepsATrailingSlashOrDotAsDockerDoes() {
        assertThat(ContainerArchives.DockerPath.of("etc/../etc/.")).extracting(p -> p.absolute(), p -> p.base(), p -> p.name())
                .containsExactly("/etc/.", ".", ".");
        assertThat(ContainerArchives.DockerPath.of("/etc/")).extracting(p -> p.absolute(), p -> p.name())
                .containsExactly("/etc/", "etc");
        assertThat(ContainerArchives.DockerPath.of("/")).extracting(p -> p.absolute(), p -> p.name())
                .containsExactly("/", "/");
        assertThat(ContainerArchives.DockerPath.of("/.").absolute()).isEqualTo("/.");
    }

    @Test
    void stat_reportsASymlinkWithItsTargetInsideTheContainer() throws Exception {
        PathStat s = archives.stat("/link");
        assertThat(s.isSymlink()).isTrue();
        assertThat(s.name()).isEqualTo("link");
        assertThat(s.linkTarget()).isEqualTo("/etc");
        assertThat(archives.stat("/link/").isDirectory()).isTrue();
        assertThatThrownBy(() -> archives.stat("/etc/passwd/"))
                .hasMessage("Could not find the file /etc/passwd/ in container c1");
        assertThatThrownBy(() -> archives.stat("/nope")).isInstanceOf(BerthException.class)
                .extracting(e -> ((BerthException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND);
    }

    @Test
    void archive_namesTheTopEntryAfterTheRequestedPath() throws Exception {
        assertThat(names("/etc/.")).containsExactly("./", "./passwd");
        assertThat(names("/link/")).containsExactly("link/", "link/passwd");
        assertThat(names("/link")).containsExactly("link");
        assertThat(names("/etc/passwd")).containsExactly("passwd");
    }

    private List<String> names(String path) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        archives.archive(path, stat -> out);
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                names.add(e.getName());
            }
        }
        return names;
    }

    @Test
    void extract_refusesNonDirectoriesMissingPathsAndReadOnlyRootfs() {
        byte[] tar = new berth.archive.TarBuilder().file("x", "x").build();
        assertThatThrownBy(() -> archives.extract("/etc/passwd", new ByteArrayInputStream(tar), ExtractOptions.DEFAULT, false, ""))
                .hasMessage("extraction point is not a directory");
        assertThatThrownBy(() -> archives.extract("/missing", new ByteArrayInputStream(tar), ExtractOptions.DEFAULT, false, ""))
                .hasMessage("Could not find the file /missing in container c1");
        assertThatThrownBy(() -> archives.extract("/etc", new ByteArrayInputStream(tar), ExtractOptions.DEFAULT, true, ""))
                .isInstanceOf(BerthException.class).extracting(e -> ((BerthException) e).kind())
                .isEqualTo(ErrorKind.PERMISSION_DENIED);
    }

    @Test
    void extract_followsAFinalSymlinkAndCopiesTheUsersIdsWhenAsked() throws Exception {
        Files.writeString(root.resolve("etc/passwd"), "app:x:1000:1001::/home/app:/bin/sh\n");
        byte[] tar = new berth.archive.TarBuilder().file("x", "x").build();
        archives.extract("/link", new ByteArrayInputStream(tar), new ExtractOptions(false, true), false, "app");
        assertThat(Files.getAttribute(root.resolve("etc/x"), "unix:uid")).isEqualTo(1000);
        assertThat(Files.getAttribute(root.resolve("etc/x"), "unix:gid")).isEqualTo(1001);
    }
}

package berth.container.local;

import static org.assertj.core.api.Assertions.assertThat;

import berth.container.FileChange;
import berth.container.FileChange.Kind;
import berth.sys.FileOps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerChangesTest {
    @TempDir
    Path dir;

    @Test
    void of_readsWhiteoutsOpaqueDirectoriesAdditionsAndModifications() throws Exception {
        Path lower = Files.createDirectories(dir.resolve("lower"));
        Path upper = Files.createDirectories(dir.resolve("upper"));
        for (String d : List.of("bin", "etc", "opt/old", "same", "var")) {
            Files.createDirectories(lower.resolve(d));
        }
        Files.writeString(lower.resolve("bin/ls"), "ls");
        Files.writeString(lower.resolve("etc/passwd"), "root");
        // upper: /bin/ls deleted, /etc/passwd changed, /x added, /opt made opaque, /same copied up untouched
        Files.createDirectories(upper.resolve("bin"));
        FileOps.mknod(upper.resolve("bin/ls"), FileOps.S_IFCHR, 0);
        Files.createDirectories(upper.resolve("etc"));
        Files.writeString(upper.resolve("etc/passwd"), "root2");
        Files.writeString(upper.resolve("x"), "x");
        Files.createDirectories(upper.resolve("opt/new"));
        FileOps.lsetxattr(upper.resolve("opt"), "trusted.overlay.opaque", "y".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(upper.resolve("same"));
        Files.setLastModifiedTime(upper.resolve("same"), Files.getLastModifiedTime(lower.resolve("same")));
        // what runc creates for its mounts is not a change
        Files.writeString(upper.resolve("etc/hostname"), "");
        Files.createDirectories(upper.resolve("proc"));
        Files.setLastModifiedTime(upper.resolve("bin"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        // a directory whose own metadata changed is modified; /etc only counts through what changed in it
        Files.createDirectories(upper.resolve("var"));
        Files.setLastModifiedTime(upper.resolve("var"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

        assertThat(ContainerChanges.of(upper, List.of(lower))).containsExactly(
                new FileChange("/bin", Kind.MODIFIED),
                new FileChange("/bin/ls", Kind.DELETED),
                new FileChange("/etc/passwd", Kind.MODIFIED),
                new FileChange("/opt", Kind.DELETED),
                new FileChange("/opt/new", Kind.ADDED),
                new FileChange("/var", Kind.MODIFIED),
                new FileChange("/x", Kind.ADDED));
    }
}

package berth.build.copy;

import static org.assertj.core.api.Assertions.assertThat;

import berth.archive.TarWriter;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EntryHeadersTest {
    private static final Owner BOB = new Owner(1234, 777);

    private static ItemEntry entry(String path, ItemEntry.Kind kind, int mode, String link) {
        return new ItemEntry(path, kind, mode, 501, 20, kind == ItemEntry.Kind.FILE ? 3 : 0, link, Map.of(), 1_600_000_000L);
    }

    @Test
    void aFile_isNamedByItsTarget_andGetsTheStepsOwner() {
        TarWriter.Header h = EntryHeaders.of("/app/a.txt", entry("", ItemEntry.Kind.FILE, 0600, ""), false,
                Optional.of(Owner.ROOT), OptionalInt.empty()).orElseThrow();
        assertThat(h.name()).isEqualTo("app/a.txt");
        assertThat(h.type()).isEqualTo(TarWriter.REGULAR);
        assertThat(h.mode()).isEqualTo(0600);
        assertThat(h.uid()).isZero();
        assertThat(h.gid()).isZero();
        assertThat(h.size()).isEqualTo(3);
        assertThat(h.mtimeSeconds()).isEqualTo(1_600_000_000L);
    }

    @Test
    void entriesBelowADirectory_keepTheirRelativePath_theDirectoryItselfIsNotWritten() {
        assertThat(EntryHeaders.of("/app", entry("", ItemEntry.Kind.DIRECTORY, 0700, ""), true,
                Optional.of(BOB), OptionalInt.empty())).isEmpty();
        TarWriter.Header sub = EntryHeaders.of("/app", entry("sub", ItemEntry.Kind.DIRECTORY, 0750, ""), true,
                Optional.of(BOB), OptionalInt.empty()).orElseThrow();
        assertThat(sub.name()).isEqualTo("app/sub/");
        assertThat(sub.type()).isEqualTo(TarWriter.DIRECTORY);
        assertThat(sub.uid()).isEqualTo(1234);
        assertThat(sub.gid()).isEqualTo(777);
        assertThat(EntryHeaders.of("/", entry("sub/x", ItemEntry.Kind.FILE, 0644, ""), true, Optional.of(BOB),
                OptionalInt.empty()).orElseThrow().name()).isEqualTo("sub/x");
    }

    @Test
    void keptOwners_areTheSources() {
        TarWriter.Header h = EntryHeaders.of("/x", entry("f", ItemEntry.Kind.FILE, 0644, ""), true, Optional.empty(),
                OptionalInt.empty()).orElseThrow();
        assertThat(h.uid()).isEqualTo(501);
        assertThat(h.gid()).isEqualTo(20);
    }

    @Test
    void chmod_changesFilesAndDirectories_notSymlinks() {
        OptionalInt m = OptionalInt.of(0700);
        assertThat(EntryHeaders.of("/x", entry("f", ItemEntry.Kind.FILE, 0644, ""), true, Optional.of(BOB), m)
                .orElseThrow().mode()).isEqualTo(0700);
        assertThat(EntryHeaders.of("/x", entry("d", ItemEntry.Kind.DIRECTORY, 0755, ""), true, Optional.of(BOB), m)
                .orElseThrow().mode()).isEqualTo(0700);
        TarWriter.Header link = EntryHeaders.of("/x", entry("l", ItemEntry.Kind.SYMLINK, 0777, "../etc/passwd"), true,
                Optional.of(BOB), m).orElseThrow();
        assertThat(link.mode()).isEqualTo(0777);
        assertThat(link.type()).isEqualTo(TarWriter.SYMLINK);
        assertThat(link.linkName()).isEqualTo("../etc/passwd"); // a link's target is copied as stored
        assertThat(link.uid()).isEqualTo(1234); // links are chowned too (Docker lchowns)
    }

    @Test
    void hardLinks_pointAtTheirTargetsPlacedName() {
        TarWriter.Header h = EntryHeaders.of("/dst", entry("b", ItemEntry.Kind.HARD_LINK, 0644, "sub/a"), true,
                Optional.of(Owner.ROOT), OptionalInt.empty()).orElseThrow();
        assertThat(h.type()).isEqualTo(TarWriter.HARD_LINK);
        assertThat(h.linkName()).isEqualTo("dst/sub/a");
    }

    @Test
    void madeDirectories() {
        TarWriter.Header h = EntryHeaders.directory(new CopyPlanner.MakeDir("/a/b", BOB, 0755), 7);
        assertThat(h.name()).isEqualTo("a/b/");
        assertThat(h.mode()).isEqualTo(0755);
        assertThat(h.uid()).isEqualTo(1234);
        assertThat(h.mtimeSeconds()).isEqualTo(7);
    }
}

package berth.build.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.build.copy.CopyPlanner.Kind;
import berth.build.copy.CopyPlanner.MakeDir;
import berth.build.copy.CopyPlanner.Op;
import berth.build.copy.CopyPlanner.Place;
import berth.build.copy.CopyPlanner.Unpack;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CopyPlannerTest {
    /** A destination image with /etc, /tmp, /bin/busybox, /bin/sh → busybox, /var/run → /run, /dead → nowhere. */
    private static final Map<String, Kind> IMAGE = Map.of("/etc", Kind.DIRECTORY, "/tmp", Kind.DIRECTORY,
            "/bin", Kind.DIRECTORY, "/bin/busybox", Kind.OTHER, "/bin/sh", Kind.OTHER, "/var", Kind.DIRECTORY,
            "/var/run", Kind.DIRECTORY, "/run", Kind.DIRECTORY, "/dead", Kind.DANGLING_LINK);
    private static final CopyPlanner.Probe PROBE = p -> IMAGE.getOrDefault(p, Kind.MISSING);
    private static final Owner BOB = new Owner(1234, 777);

    private static CopyItem file(String name) {
        return new Item(name, false, false);
    }

    private static CopyItem dir(String name) {
        return new Item(name, true, false);
    }

    private static List<Op> plan(List<CopyItem> items, String dest, Optional<Owner> owner) {
        return CopyPlanner.plan(items, Destination.of("/", dest), owner, OptionalInt.empty(), PROBE);
    }

    @Test
    void fileToANewPathEndingInSlash_goesInside_parentsOwnedByTheStepsOwner() {
        CopyItem a = file("a.txt");
        assertThat(plan(List.of(a), "/new2/p/", Optional.of(BOB))).containsExactly(
                new MakeDir("/new2", BOB, 0755), new MakeDir("/new2/p", BOB, 0755), new Place(a, "/new2/p/a.txt"));
    }

    @Test
    void fileToANewPathWithoutSlash_isWrittenUnderThatName() {
        CopyItem a = file("a.txt");
        assertThat(plan(List.of(a), "/new2/p/q", Optional.of(Owner.ROOT))).containsExactly(
                new MakeDir("/new2", Owner.ROOT, 0755), new MakeDir("/new2/p", Owner.ROOT, 0755), new Place(a, "/new2/p/q"));
    }

    @Test
    void fileToAnExistingDirectoryWithoutSlash_goesInside() {
        CopyItem a = file("a.txt");
        assertThat(plan(List.of(a), "/bin", Optional.of(Owner.ROOT))).containsExactly(new Place(a, "/bin/a.txt"));
        assertThat(plan(List.of(a), "/var/run", Optional.of(Owner.ROOT))).containsExactly(new Place(a, "/var/run/a.txt"));
    }

    @Test
    void fileOntoAnExistingFile_replacesIt() {
        CopyItem a = file("a.txt");
        assertThat(plan(List.of(a), "/bin/sh", Optional.of(Owner.ROOT))).containsExactly(new Place(a, "/bin/sh"));
    }

    @Test
    void fileBelowAFile_fails() {
        assertThatThrownBy(() -> plan(List.of(file("a.txt")), "/bin/sh/x", Optional.of(Owner.ROOT)))
                .hasMessage("failed to copy files: mkdir /bin/sh: not a directory");
    }

    @Test
    void directoryToANewPath_parentsAreRoots_theDestinationIsTheSteps() {
        CopyItem d = dir("dir");
        assertThat(plan(List.of(d), "/new3/d", Optional.of(BOB))).containsExactly(
                new MakeDir("/new3", Owner.ROOT, 0755), new MakeDir("/new3/d", BOB, 0755), new Place(d, "/new3/d"));
    }

    @Test
    void directoryIntoAnExistingDirectory_leavesItAsItIs() {
        CopyItem d = dir("dir");
        assertThat(plan(List.of(d), "/tmp/", Optional.of(BOB))).containsExactly(new Place(d, "/tmp"));
        assertThat(plan(List.of(d), "/etc", Optional.of(Owner.ROOT))).containsExactly(new Place(d, "/etc"));
    }

    @Test
    void directoryOntoAFile_fails() {
        assertThatThrownBy(() -> plan(List.of(dir("d")), "/bin/busybox", Optional.of(Owner.ROOT)))
                .hasMessageContaining("mkdir /bin/busybox: not a directory");
    }

    @Test
    void keptOwners_makeRootOwnedDirectories() {
        CopyItem d = dir("d");
        assertThat(plan(List.of(d), "/fromd", Optional.empty())).containsExactly(
                new MakeDir("/fromd", Owner.ROOT, 0755), new Place(d, "/fromd"));
    }

    @Test
    void chmod_givesANewDestinationDirectoryItsMode() {
        CopyItem d = dir("d");
        assertThat(CopyPlanner.plan(List.of(d), Destination.of("/", "/x"), Optional.of(Owner.ROOT), OptionalInt.of(0700),
                PROBE)).containsExactly(new MakeDir("/x", Owner.ROOT, 0700), new Place(d, "/x"));
    }

    @Test
    void severalSources_madeDirectoriesCountAsExisting() {
        CopyItem a = file("a.txt");
        CopyItem d = dir("dir");
        assertThat(plan(List.of(a, d), "/multi/", Optional.of(BOB))).containsExactly(
                new MakeDir("/multi", BOB, 0755), new Place(a, "/multi/a.txt"), new Place(d, "/multi"));
        assertThat(plan(List.of(d, a), "/multi/", Optional.of(BOB))).containsExactly(
                new MakeDir("/multi", BOB, 0755), new Place(d, "/multi"), new Place(a, "/multi/a.txt"));
    }

    @Test
    void archive_isUnpackedIntoTheDestination_madeByRoot() {
        CopyItem t = new Item("arc.tgz", false, true);
        assertThat(CopyPlanner.plan(List.of(t), Destination.of("/app", "rel/"), Optional.of(BOB), OptionalInt.empty(),
                PROBE)).containsExactly(new MakeDir("/app", Owner.ROOT, 0755), new MakeDir("/app/rel", Owner.ROOT, 0755),
                new Unpack(t, "/app/rel"));
        assertThat(CopyPlanner.plan(List.of(t), Destination.of("/", "/tmp"), Optional.empty(), OptionalInt.empty(),
                PROBE)).containsExactly(new Unpack(t, "/tmp"));
    }

    @Test
    void aDanglingLinkOnTheWay_isLeftToTheExtraction() {
        CopyItem a = file("a.txt");
        assertThat(plan(List.of(a), "/dead/x/", Optional.of(Owner.ROOT))).containsExactly(
                new MakeDir("/dead/x", Owner.ROOT, 0755), new Place(a, "/dead/x/a.txt"));
    }

    @Test
    void theRoot_isADirectory() {
        CopyItem a = file("a.txt");
        assertThat(plan(List.of(a), "/", Optional.of(Owner.ROOT))).containsExactly(new Place(a, "/a.txt"));
        assertThat(plan(List.of(a), ".", Optional.of(Owner.ROOT))).containsExactly(new Place(a, "/a.txt"));
    }

    private record Item(String name, boolean directory, boolean archive) implements CopyItem {
        @Override
        public String historyHash() {
            return "file:0";
        }

        @Override
        public String digest() {
            return "sha256:0";
        }

        @Override
        public void entries(EntryVisitor visitor) throws IOException {}
    }
}

package berth.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.archive.LayerUnpacker;
import berth.archive.TarBuilder;
import berth.content.Digest;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlaySnapshotterTest {
    @TempDir
    Path root;
    final LayerUnpacker unpacker = new LayerUnpacker();

    private LayerFiller tar(byte[] tar) {
        return dir -> unpacker.unpack(new ByteArrayInputStream(tar), dir);
    }

    @Test
    void chainIds_followTheOciRule() {
        Digest a = Digest.sha256("a".getBytes());
        Digest b = Digest.sha256("b".getBytes());
        assertThat(ChainIds.of(List.of(a, b))).containsExactly(a, Digest.sha256((a + " " + b).getBytes()));
    }

    @Test
    void commit_stacksLayersAndListsLowerDirsTopFirst() throws Exception {
        byte[] t0 = new TarBuilder().file("base", "0").build();
        byte[] t1 = new TarBuilder().file("top", "1").build();
        OverlaySnapshotter s = new OverlaySnapshotter(root);
        Snapshot base = s.commit(Optional.empty(), Optional.of(Digest.sha256(t0)), tar(t0));
        Snapshot top = s.commit(Optional.of(base.chainId()), Optional.empty(), tar(t1));

        assertThat(top.chainId()).isEqualTo(ChainIds.top(List.of(Digest.sha256(t0), Digest.sha256(t1))));
        assertThat(s.lowerDirs(top.chainId())).containsExactly(top.fs(), base.fs());
        assertThat(Files.readString(top.fs().resolve("top"))).isEqualTo("1");
        assertThat(top.fs().toString()).startsWith(root.resolve("snapshots").toString()).endsWith("/fs");

        OverlaySnapshotter reopened = new OverlaySnapshotter(root);
        assertThat(reopened.stat(top.chainId())).hasValue(top);
        assertThat(reopened.lowerDirs(top.chainId())).containsExactly(top.fs(), base.fs());
    }

    @Test
    void commit_ofAnExistingChainReturnsItAndKeepsNoCopy() throws Exception {
        byte[] t0 = new TarBuilder().file("base", "0").build();
        OverlaySnapshotter s = new OverlaySnapshotter(root);
        Snapshot first = s.commit(Optional.empty(), Optional.empty(), tar(t0));
        Snapshot again = s.commit(Optional.empty(), Optional.empty(), tar(t0));
        assertThat(again).isEqualTo(first);
        assertThat(dirs()).containsExactlyInAnyOrder("index.json", "1");
    }

    @Test
    void commit_withWrongDiffIdOrHostileTarLeavesNothing() throws Exception {
        byte[] t0 = new TarBuilder().file("base", "0").build();
        OverlaySnapshotter s = new OverlaySnapshotter(root);
        assertThatThrownBy(() -> s.commit(Optional.empty(), Optional.of(Digest.sha256(new byte[0])), tar(t0)))
                .isInstanceOf(BerthException.class).hasMessageContaining("diff ID");
        byte[] hostile = new TarBuilder().file("../x", "0").build();
        assertThatThrownBy(() -> s.commit(Optional.empty(), Optional.empty(), tar(hostile)))
                .isInstanceOf(BerthException.class).hasMessageStartingWith("invalid tar");
        assertThat(s.list()).isEmpty();
        assertThat(dirs()).doesNotContain("1").noneMatch(n -> n.startsWith("tmp-"));
    }

    @Test
    void prepare_needsNoParentAndCommitRecordsItLater() throws Exception {
        byte[] t0 = new TarBuilder().file("base", "0").build();
        byte[] t1 = new TarBuilder().file("top", "1").build();
        OverlaySnapshotter s = new OverlaySnapshotter(root);
        Snapshotter.Prepared p1 = s.prepare(Optional.of(Digest.sha256(t1)), tar(t1));
        Snapshotter.Prepared p0 = s.prepare(Optional.empty(), tar(t0));
        assertThat(p1.diffId()).isEqualTo(Digest.sha256(t1));
        assertThat(p1.size()).isEqualTo(1);
        assertThat(s.list()).isEmpty();
        assertThatThrownBy(() -> s.commit(Optional.of(Digest.sha256(t0)), p1)).isInstanceOf(BerthException.class)
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));

        Snapshot base = s.commit(Optional.empty(), p0);
        Snapshot top = s.commit(Optional.of(base.chainId()), p1);
        assertThat(top.chainId()).isEqualTo(ChainIds.top(List.of(Digest.sha256(t0), Digest.sha256(t1))));
        assertThat(Files.readString(top.fs().resolve("top"))).isEqualTo("1");
        assertThatThrownBy(() -> s.commit(Optional.empty(), p0)).isInstanceOf(BerthException.class)
                .hasMessageContaining("already committed");
        p0.close();
        p1.close();
        assertThat(Files.readString(top.fs().resolve("top"))).isEqualTo("1");
        assertThat(dirs()).containsExactlyInAnyOrder("index.json", "1", "2");
        assertThat(new OverlaySnapshotter(root).lowerDirs(top.chainId())).containsExactly(top.fs(), base.fs());
    }

    @Test
    void prepared_isDiscardedWhenClosedOrWhenItsChainExists() throws Exception {
        byte[] t0 = new TarBuilder().file("base", "0").build();
        OverlaySnapshotter s = new OverlaySnapshotter(root);
        Snapshotter.Prepared unused = s.prepare(Optional.empty(), tar(t0));
        assertThat(dirs()).anyMatch(n -> n.startsWith("tmp-"));
        unused.close();
        assertThatThrownBy(() -> s.commit(Optional.empty(), unused)).isInstanceOf(BerthException.class)
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
        assertThat(dirs()).isEmpty();

        Snapshotter.Prepared a = s.prepare(Optional.empty(), tar(t0));
        Snapshotter.Prepared b = s.prepare(Optional.empty(), tar(t0));
        Snapshot first = s.commit(Optional.empty(), a);
        assertThat(s.commit(Optional.empty(), b)).isEqualTo(first);
        assertThat(dirs()).containsExactlyInAnyOrder("index.json", "1");

        Snapshotter.Prepared foreign = new OverlaySnapshotter(Files.createDirectory(root.resolve("other"))).prepare(Optional.empty(), tar(t0));
        assertThatThrownBy(() -> s.commit(Optional.empty(), foreign)).isInstanceOf(BerthException.class)
                .hasMessageContaining("not prepared by this");
        foreign.close();
    }

    @Test
    void prepare_withWrongDiffIdLeavesNothing() throws Exception {
        byte[] t0 = new TarBuilder().file("base", "0").build();
        OverlaySnapshotter s = new OverlaySnapshotter(root);
        assertThatThrownBy(() -> s.prepare(Optional.of(Digest.sha256(new byte[0])), tar(t0)))
                .isInstanceOf(BerthException.class).hasMessageContaining("diff ID");
        assertThat(dirs()).noneMatch(n -> n.startsWith("tmp-"));
    }

    @Test
    void remove_refusesParentsAndDeletesLeaves() throws Exception {
        OverlaySnapshotter s = new OverlaySnapshotter(root);
        Snapshot base = s.commit(Optional.empty(), Optional.empty(), tar(new TarBuilder().file("a", "0").build()));
        Snapshot top = s.commit(Optional.of(base.chainId()), Optional.empty(), tar(new TarBuilder().file("b", "1").build()));
        assertThatThrownBy(() -> s.remove(base.chainId())).isInstanceOf(BerthException.class)
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION));
        s.remove(top.chainId());
        s.remove(base.chainId());
        assertThat(s.list()).isEmpty();
        assertThat(Files.exists(top.fs())).isFalse();
        assertThat(new OverlaySnapshotter(root).list()).isEmpty();
    }

    @Test
    void open_sweepsDirectoriesTheIndexDoesNotName() throws Exception {
        OverlaySnapshotter s = new OverlaySnapshotter(root);
        Snapshot kept = s.commit(Optional.empty(), Optional.empty(), tar(new TarBuilder().file("a", "0").build()));
        Files.createDirectories(root.resolve("snapshots/tmp-dead/fs/x"));
        Files.createDirectories(root.resolve("snapshots/7/fs"));
        new OverlaySnapshotter(root);
        assertThat(dirs()).containsExactlyInAnyOrder("index.json", "1");
        assertThat(Files.exists(kept.fs().resolve("a"))).isTrue();
    }

    private List<String> dirs() throws Exception {
        try (Stream<Path> s = Files.list(root.resolve("snapshots"))) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}

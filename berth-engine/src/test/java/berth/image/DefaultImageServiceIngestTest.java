package berth.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.archive.TarBuilder;
import berth.content.Digest;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.snapshot.ChainIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pull and push side of the image store ({@link ImageIngest}), on the real filesystem. */
class DefaultImageServiceIngestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ImageReference TAG = ImageReference.parse("127.0.0.1:5000/team/app:v1");
    private static final ImageReference REPO_DIGEST = ImageReference.parse(
            "127.0.0.1:5000/team/app@" + Digest.sha256("manifest".getBytes()));
    @TempDir
    Path root;

    private final byte[] base = new TarBuilder().dir("bin").file("bin/marker", "base", 0755, 0, 0).symlink("bin/sh", "marker").build();
    private final byte[] mid = new TarBuilder().file("etc/motd", "hello").build();
    private final byte[] top = new TarBuilder().file("etc/.wh.motd", "").file("app", "x").build();

    @Test
    void commitPulled_recordsLayersPreparedInParallel() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        List<byte[]> tars = List.of(base, mid, top);
        // each stream waits until all three prepares are running: the test fails if they were serialised
        CyclicBarrier allInside = new CyclicBarrier(tars.size());
        ExecutorService pool = Executors.newFixedThreadPool(tars.size());
        List<ImageIngest.PreparedLayer> prepared = new ArrayList<>();
        try {
            List<Future<ImageIngest.PreparedLayer>> futures = new ArrayList<>();
            for (byte[] tar : tars) {
                futures.add(pool.submit(() -> images.prepareLayer(Digest.sha256(tar), meetFirst(allInside, tar))));
            }
            for (Future<ImageIngest.PreparedLayer> f : futures) {
                prepared.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(prepared).extracting(ImageIngest.PreparedLayer::size).containsExactly((long) base.length, (long) mid.length,
                (long) top.length);
        assertThat(images.list(ImageFilter.none())).isEmpty(); // nothing visible before the commit
        byte[] config = configJson(tars);

        ImageIngest.Committed c = images.commitPulled(config, prepared.reversed(), List.of(TAG), Optional.of(REPO_DIGEST));

        assertThat(c.changed()).isTrue();
        assertThat(c.image().id()).isEqualTo(Digest.sha256(config));
        assertThat(c.image().repoTags()).containsExactly("127.0.0.1:5000/team/app:v1");
        assertThat(c.image().repoDigests()).containsExactly(REPO_DIGEST.familiarString());
        assertThat(images.inspect(REPO_DIGEST.toString())).isEqualTo(c.image());
        List<Path> layers = images.layerPaths(c.image().id());
        assertThat(layers).hasSize(3);
        assertThat(Files.readString(layers.get(0).resolve("app"))).isEqualTo("x");
        assertThat(Files.readString(layers.get(1).resolve("etc/motd"))).isEqualTo("hello");
        assertThat(Files.readString(layers.get(2).resolve("bin/marker"))).isEqualTo("base");
        List<Digest> chain = ChainIds.of(tars.stream().map(Digest::sha256).toList());
        assertThat(chain).allMatch(images::hasLayer);
        assertNoLeftovers();
        DefaultImageService reopened = new DefaultImageService(root);
        assertThat(reopened.inspect("127.0.0.1:5000/team/app:v1")).isEqualTo(c.image());
        assertThat(reopened.layerPaths(c.image().id())).isEqualTo(layers);
    }

    @Test
    void prepareLayer_withWrongDiffIdKeepsNothing() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        assertInvalid(() -> images.prepareLayer(Digest.sha256(mid), new ByteArrayInputStream(base)), "diff ID");
        assertNothingStored(images);
    }

    @Test
    void prepareLayer_whoseStreamFailsKeepsNothing() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        // what a caller's digest check does on a wrong compressed digest: fail the stream at its end
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(base)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw new IOException("digest mismatch");
                }
                return n;
            }
        };
        assertThatThrownBy(() -> images.prepareLayer(Digest.sha256(base), failing)).isInstanceOf(BerthException.class)
                .hasMessageContaining("digest mismatch");
        assertNothingStored(images);
        // a caller's own error category (the registry went away) passes through unchanged
        InputStream dropped = new FilterInputStream(new ByteArrayInputStream(base)) {
            @Override
            public int read(byte[] b, int off, int len) {
                throw new BerthException(ErrorKind.UNAVAILABLE, "connection reset");
            }
        };
        assertThatThrownBy(() -> images.prepareLayer(Digest.sha256(base), dropped)).isInstanceOf(BerthException.class)
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.UNAVAILABLE));
        assertNothingStored(images);
    }

    @Test
    void commitPulled_withMissingExtraOrForeignLayersRefusesAndKeepsNothing() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        byte[] config = configJson(List.of(base, top));
        ImageIngest.PreparedLayer onlyTop = images.prepareLayer(Digest.sha256(top), new ByteArrayInputStream(top));
        assertInvalid(() -> images.commitPulled(config, List.of(onlyTop), List.of(TAG), Optional.empty()), "is missing");
        assertNothingStored(images);

        ImageIngest.PreparedLayer b = images.prepareLayer(Digest.sha256(base), new ByteArrayInputStream(base));
        ImageIngest.PreparedLayer t = images.prepareLayer(Digest.sha256(top), new ByteArrayInputStream(top));
        ImageIngest.PreparedLayer extra = images.prepareLayer(Digest.sha256(mid), new ByteArrayInputStream(mid));
        assertInvalid(() -> images.commitPulled(config, List.of(b, t, extra), List.of(TAG), Optional.empty()), "not in the rootfs.diff_ids");
        assertNothingStored(images);

        // layers are consumed by a failed commit too
        assertInvalid(() -> images.commitPulled(config, List.of(b, t), List.of(TAG), Optional.empty()), "already committed or closed");
        ImageIngest.PreparedLayer b2 = images.prepareLayer(Digest.sha256(base), new ByteArrayInputStream(base));
        assertInvalid(() -> images.commitPulled("{\"rootfs\":{}}".getBytes(), List.of(b2), List.of(TAG), Optional.empty()),
                "rootfs.diff_ids");
        Path otherRoot = Files.createDirectory(root.resolve("other"));
        DefaultImageService other = new DefaultImageService(otherRoot);
        ImageIngest.PreparedLayer foreign = other.prepareLayer(Digest.sha256(base), new ByteArrayInputStream(base));
        ImageIngest.PreparedLayer t2 = images.prepareLayer(Digest.sha256(top), new ByteArrayInputStream(top));
        assertInvalid(() -> images.commitPulled(config, List.of(foreign, t2), List.of(TAG), Optional.empty()), "not prepared by this");
        foreign.close();
        byte[] oneLayer = configJson(List.of(base));
        assertInvalid(() -> images.commitPulled(oneLayer, List.of(), List.of(REPO_DIGEST), Optional.empty()), "digest reference");
        assertNothingStored(images);
    }

    @Test
    void commitPulled_rollsBackWhenTheReferenceStoreCannotBeWritten() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        // a non-empty directory where repositories.json goes makes the last disk write fail
        Files.createDirectories(root.resolve("images/repositories.json/blocked"));
        ImageIngest.PreparedLayer b = images.prepareLayer(Digest.sha256(base), new ByteArrayInputStream(base));
        assertThatThrownBy(() -> images.commitPulled(configJson(List.of(base)), List.of(b), List.of(TAG), Optional.empty()))
                .isInstanceOf(BerthException.class);
        deleteTree(root.resolve("images/repositories.json"));
        // AtomicFiles leaves its temp file when the rename fails (documented garbage); the pull left nothing else
        for (String n : names(root.resolve("images"))) {
            if (n.startsWith(".tmp-repositories.json-")) {
                Files.delete(root.resolve("images").resolve(n));
            }
        }
        assertNothingStored(images);
    }

    @Test
    void closingAnUncommittedLayerDeletesItsFiles() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        ImageIngest.PreparedLayer l = images.prepareLayer(Digest.sha256(base), new ByteArrayInputStream(base));
        assertThat(names(root.resolve("snapshots"))).anyMatch(n -> n.startsWith("tmp-"));
        assertThat(names(root.resolve("content/ingest"))).hasSize(1);
        l.close();
        l.close();
        assertNothingStored(images);
    }

    @Test
    void commitPulled_ofAnImageAlreadyThereIsUnchanged() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        byte[] config = configJson(List.of(base, top));
        ImageIngest.Committed first = images.commitPulled(config, prepare(images, base, top), List.of(TAG), Optional.of(REPO_DIGEST));
        assertThat(first.changed()).isTrue();

        ImageIngest.Committed again = images.commitPulled(config, List.of(), List.of(TAG), Optional.of(REPO_DIGEST));
        assertThat(again.changed()).isFalse();
        assertThat(again.image()).isEqualTo(first.image());
        // a concurrent pull that prepared a layer the first one committed meanwhile: still unchanged, copy dropped
        ImageIngest.Committed raced = images.commitPulled(config, prepare(images, top), List.of(TAG), Optional.empty());
        assertThat(raced.changed()).isFalse();
        assertNoLeftovers();

        ImageIngest.Committed retag = images.commitPulled(config, List.of(), List.of(ImageReference.parse("app:v2")), Optional.empty());
        assertThat(retag.changed()).isTrue();
        assertThat(retag.image().repoTags()).containsExactly("127.0.0.1:5000/team/app:v1", "app:v2");
    }

    @Test
    void commitPulled_reusesPresentLayersAndRepeatedDiffIds() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        images.commitPulled(configJson(List.of(base)), prepare(images, base), List.of(ImageReference.parse("base:1")), Optional.empty());
        List<Digest> chain = ChainIds.of(List.of(Digest.sha256(base), Digest.sha256(mid), Digest.sha256(mid)));
        assertThat(images.hasLayer(chain.get(0))).isTrue();
        assertThat(images.hasLayer(chain.get(1))).isFalse();

        // the same layer twice in a stack (empty layers often are): one prepared copy serves both
        ImageIngest.Committed c = images.commitPulled(configJson(List.of(base, mid, mid)), prepare(images, mid), List.of(TAG),
                Optional.empty());
        assertThat(images.layerPaths(c.image().id())).hasSize(3);
        assertThat(chain).allMatch(images::hasLayer);
        assertNoLeftovers();
    }

    @Test
    void pulledImageIsSavedWithItsLayerTars() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        ImageIngest.Committed c = images.commitPulled(configJson(List.of(base, top)), prepare(images, base, top), List.of(TAG),
                Optional.of(REPO_DIGEST));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        images.save(List.of("127.0.0.1:5000/team/app:v1"), out);

        Map<String, byte[]> files = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.isFile()) {
                    files.put(e.getName(), in.readAllBytes());
                }
            }
        }
        JsonNode manifest = JSON.readTree(files.get("manifest.json")).get(0);
        assertThat(manifest.path("RepoTags").get(0).asText()).isEqualTo("127.0.0.1:5000/team/app:v1");
        assertThat(manifest.path("Config").asText()).isEqualTo(c.image().id().hex() + ".json");
        assertThat(files.get(manifest.path("Layers").get(0).asText())).isEqualTo(base);
        assertThat(files.get(manifest.path("Layers").get(1).asText())).isEqualTo(top);
    }

    @Test
    void pushSide_readsConfigAndLayersBackAndRecordsRepoDigests() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        byte[] config = configJson(List.of(base, top));
        Digest id = images.commitPulled(config, prepare(images, base, top), List.of(TAG), Optional.empty()).image().id();

        assertThat(images.config(id)).isEqualTo(config);
        try (InputStream in = images.openLayer(Digest.sha256(top))) {
            assertThat(in.readAllBytes()).isEqualTo(top);
        }
        assertThat(images.layerSize(Digest.sha256(base))).isEqualTo(base.length);
        Digest unknown = Digest.sha256("nothing".getBytes());
        assertNotFound(() -> images.openLayer(unknown));
        assertNotFound(() -> images.layerSize(unknown));
        assertNotFound(() -> images.config(unknown));
        assertNotFound(() -> images.addRepoDigest(unknown, REPO_DIGEST));

        ImageReference pushed = ImageReference.parse("127.0.0.1:5001/mirror/app@" + Digest.sha256("other manifest".getBytes()));
        images.addRepoDigest(id, pushed);
        images.addRepoDigest(id, REPO_DIGEST);
        assertThat(images.inspect(id.toString()).repoDigests()).containsExactly(REPO_DIGEST.familiarString(), pushed.familiarString());
        assertThat(new DefaultImageService(root).inspect(pushed.toString()).id()).isEqualTo(id);
        assertInvalid(() -> images.addRepoDigest(id, TAG), "has no digest");
    }

    @Test
    void remove_ofThePulledTagTakesTheRepoDigestAndTheImage() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        Image img = images.commitPulled(configJson(List.of(base)), prepare(images, base), List.of(TAG), Optional.of(REPO_DIGEST)).image();
        assertThat(images.remove("127.0.0.1:5000/team/app:v1", false, false, ImageService.ImageUsage.NONE)).containsExactly(
                new ImageDeleteResult.Untagged("127.0.0.1:5000/team/app:v1"), new ImageDeleteResult.Untagged(REPO_DIGEST.familiarString()),
                new ImageDeleteResult.Deleted(img.id().toString()), new ImageDeleteResult.Deleted(img.diffIds().getFirst().toString()));

        // by ID, one tag plus its repository's digest is a single reference: no "must be forced"
        Image again = images.commitPulled(configJson(List.of(base)), prepare(images, base), List.of(TAG), Optional.of(REPO_DIGEST)).image();
        assertThat(images.remove(again.id().shortHex(), false, false, ImageService.ImageUsage.NONE))
                .contains(new ImageDeleteResult.Deleted(again.id().toString()));
        assertNothingStored(images);
    }

    // ---- helpers ----

    private List<ImageIngest.PreparedLayer> prepare(DefaultImageService images, byte[]... tars) {
        List<ImageIngest.PreparedLayer> out = new ArrayList<>();
        for (byte[] t : tars) {
            out.add(images.prepareLayer(Digest.sha256(t), new ByteArrayInputStream(t)));
        }
        return out;
    }

    /** A stream of {@code tar} whose first read waits at the barrier. */
    private static InputStream meetFirst(CyclicBarrier barrier, byte[] tar) {
        return new FilterInputStream(new ByteArrayInputStream(tar)) {
            private boolean met;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (!met) {
                    met = true;
                    try {
                        // a bound only so that a serialising bug fails the test instead of hanging it
                        barrier.await(2, TimeUnit.MINUTES);
                    } catch (Exception e) {
                        throw new IOException("the other prepares never ran alongside this one", e);
                    }
                }
                return super.read(b, off, len);
            }
        };
    }

    private static byte[] configJson(List<byte[]> layers) throws Exception {
        ObjectNode c = JSON.createObjectNode();
        c.put("architecture", "amd64");
        c.put("os", "linux");
        c.put("created", "2024-01-01T00:00:00Z");
        c.putObject("config").putArray("Cmd").add("sh");
        ObjectNode rootfs = c.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode d = rootfs.putArray("diff_ids");
        layers.forEach(x -> d.add(Digest.sha256(x).toString()));
        return JSON.writeValueAsBytes(c);
    }

    private void assertNoLeftovers() throws Exception {
        assertThat(names(root.resolve("snapshots"))).noneMatch(n -> n.startsWith("tmp-"));
        assertThat(names(root.resolve("content/ingest"))).isEmpty();
    }

    private void assertNothingStored(DefaultImageService images) throws Exception {
        assertThat(images.list(ImageFilter.none())).isEmpty();
        assertThat(new DefaultImageService(root).list(ImageFilter.none())).isEmpty();
        assertThat(names(root.resolve("snapshots"))).filteredOn(n -> !n.equals("index.json")).isEmpty();
        assertThat(names(root.resolve("content/blobs/sha256"))).isEmpty();
        assertThat(names(root.resolve("content/ingest"))).isEmpty();
        assertThat(names(root.resolve("images"))).filteredOn(n -> !n.equals("repositories.json")).isEmpty();
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static void deleteTree(Path p) throws Exception {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    private static void assertInvalid(Runnable r, String message) {
        assertThatThrownBy(r::run).isInstanceOf(BerthException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }

    private static void assertNotFound(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOf(BerthException.class)
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }
}

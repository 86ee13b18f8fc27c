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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultImageServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path root;

    private static byte[] rootfs(String marker) {
        return new TarBuilder().dir("bin").file("bin/marker", marker, 0755, 0, 0).symlink("bin/sh", "marker").build();
    }

    private Image importImage(DefaultImageService images, String marker, String ref, String... changes) {
        return images.importTarball(new ByteArrayInputStream(rootfs(marker)), Optional.ofNullable(ref), List.of(changes), "",
                Progress.Listener.NONE);
    }

    @Test
    void import_makesDockerShapedImageWithChangesAndTag() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        Image img = importImage(images, "one", "myapp:v1", "CMD [\"/bin/sh\"]", "ENV A=1", "EXPOSE 80", "LABEL k=v");

        assertThat(img.repoTags()).containsExactly("myapp:v1");
        assertThat(img.config().cmd()).hasValue(List.of("/bin/sh"));
        assertThat(img.config().exposedPorts()).containsExactly("80/tcp");
        assertThat(img.diffIds()).containsExactly(Digest.sha256(rootfs("one")));
        assertThat(img.architecture()).isEqualTo("amd64");
        assertThat(img.os()).isEqualTo("linux");
        assertThat(img.comment()).isEqualTo("Imported from -");
        byte[] config = Files.readAllBytes(root.resolve("content/blobs/sha256/" + img.id().hex()));
        assertThat(Digest.sha256(config)).isEqualTo(img.id());
        JsonNode c = JSON.readTree(config);
        assertThat(c.path("rootfs").path("type").asText()).isEqualTo("layers");
        assertThat(c.path("config").path("Env").get(0).asText()).isEqualTo("A=1");
        assertThat(c.path("config").path("ExposedPorts").has("80/tcp")).isTrue();

        List<Path> layers = images.layerPaths(img.id());
        assertThat(layers).hasSize(1);
        assertThat(Files.readString(layers.getFirst().resolve("bin/marker"))).isEqualTo("one");
        assertThat(images.inspect("myapp:v1")).isEqualTo(img);
        assertThat(images.inspect("docker.io/library/myapp:v1")).isEqualTo(img);
        assertThat(images.inspect(img.id().toString())).isEqualTo(img);
        assertThat(images.inspect(img.id().hex().substring(0, 6))).isEqualTo(img);
        assertThat(images.inspect("sha256:" + img.id().hex().substring(0, 8))).isEqualTo(img);

        DefaultImageService reopened = new DefaultImageService(root);
        assertThat(reopened.inspect("myapp:v1")).isEqualTo(img);
    }

    @Test
    void import_withBadChangeOrHostileTarLeavesNothing() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        assertThatThrownBy(() -> importImage(images, "x", "a:b", "RUN rm -rf /")).isInstanceOf(BerthException.class);
        byte[] hostile = new TarBuilder().file("ok", "1").file("../../escape", "x").build();
        assertThatThrownBy(() -> images.importTarball(new ByteArrayInputStream(hostile), Optional.of("a:b"), List.of(), "",
                Progress.Listener.NONE)).isInstanceOf(BerthException.class).hasMessageStartingWith("invalid tar");
        assertNothingStored(images);
    }

    @Test
    void inspect_unknownAndAmbiguousAreNotFound() {
        DefaultImageService images = new DefaultImageService(root);
        List<Image> made = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            made.add(importImage(images, "m" + i, null));
        }
        assertNotFound(() -> images.inspect("nosuch:1"), "No such image: nosuch:1");
        // among 40 IDs some first hex digit repeats: a one-digit prefix shared by two is ambiguous
        String shared = made.stream().map(m -> m.id().hex().substring(0, 1))
                .filter(p -> made.stream().filter(m -> m.id().hex().startsWith(p)).count() > 1).findFirst().orElseThrow();
        assertNotFound(() -> images.inspect(shared), "No such image: " + shared);
        assertThatThrownBy(() -> images.inspect("UPPER")).isInstanceOf(BerthException.class)
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }

    @Test
    void tagListAndFilters() {
        DefaultImageService images = new DefaultImageService(root);
        Image a = importImage(images, "a", "busybox:latest", "LABEL tier=base");
        Image b = importImage(images, "b", null);
        images.tag(a.id().hex().substring(0, 12), "docker.io/library/bb", "v1");
        images.tag("busybox", "127.0.0.1:5000/team/bb", "");
        assertThatThrownBy(() -> images.tag("busybox", "Bad", "v1")).isInstanceOf(BerthException.class)
                .hasMessage("invalid reference format: repository name must be lowercase");
        assertThatThrownBy(() -> images.tag("busybox", "bb", "-x")).isInstanceOf(BerthException.class)
                .hasMessageStartingWith("invalid tag format");

        assertThat(images.inspect("busybox").repoTags())
                .containsExactly("127.0.0.1:5000/team/bb:latest", "bb:v1", "busybox:latest");
        assertThat(images.list(ImageFilter.none())).extracting(Image::id).containsExactly(b.id(), a.id());
        ImageFilter refs = new ImageFilter(List.of("bb:v*"), Optional.empty(), List.of(), List.of(), List.of(), false);
        assertThat(images.list(refs)).singleElement().satisfies(i -> assertThat(i.repoTags()).containsExactly("bb:v1"));
        ImageFilter byName = new ImageFilter(List.of("busybox"), Optional.empty(), List.of(), List.of(), List.of(), false);
        assertThat(images.list(byName)).singleElement().satisfies(i -> assertThat(i.repoTags()).containsExactly("busybox:latest"));
        ImageFilter dangling = new ImageFilter(List.of(), Optional.of(true), List.of(), List.of(), List.of(), false);
        assertThat(images.list(dangling)).extracting(Image::id).containsExactly(b.id());
        ImageFilter label = new ImageFilter(List.of(), Optional.empty(), List.of("tier=base"), List.of(), List.of(), false);
        assertThat(images.list(label)).extracting(Image::id).containsExactly(a.id());
        ImageFilter before = new ImageFilter(List.of(), Optional.empty(), List.of(), List.of(b.id().toString()), List.of(), false);
        assertThat(images.list(before)).extracting(Image::id).containsExactly(a.id());
        ImageFilter since = new ImageFilter(List.of(), Optional.empty(), List.of(), List.of(), List.of("busybox"), false);
        assertThat(images.list(since)).extracting(Image::id).containsExactly(b.id());

        DefaultImageService reopened = new DefaultImageService(root);
        assertThat(reopened.inspect("127.0.0.1:5000/team/bb").id()).isEqualTo(a.id());
    }

    @Test
    void remove_untagsThenDeletesAndFreesLayers() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        Image a = importImage(images, "a", "app:v1");
        images.tag("app:v1", "app", "v2");
        assertThat(images.remove("app:v1", false, false, ImageService.ImageUsage.NONE))
                .containsExactly(new ImageDeleteResult.Untagged("app:v1"));
        assertThat(images.remove("app:v2", false, false, ImageService.ImageUsage.NONE))
                .containsExactly(new ImageDeleteResult.Untagged("app:v2"), new ImageDeleteResult.Deleted(a.id().toString()),
                        new ImageDeleteResult.Deleted(a.diffIds().getFirst().toString()));
        assertNothingStored(images);
    }

    @Test
    void remove_byIdHonoursTagsAndContainers() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        Image a = importImage(images, "a", "app:v1");
        images.tag("app:v1", "other", "v1");
        String shortId = a.id().shortHex();
        assertConflict(() -> images.remove(shortId, false, false, ImageService.ImageUsage.NONE),
                "conflict: unable to delete " + shortId + " (must be forced) - image is referenced in multiple repositories");

        ImageService.ImageUsage running = id -> List.of(new ImageService.ImageUsage.User("c".repeat(64), true));
        assertConflict(() -> images.remove(shortId, true, false, running),
                "conflict: unable to delete " + shortId + " (cannot be forced) - image is being used by running container cccccccccccc");
        ImageService.ImageUsage stopped = id -> List.of(new ImageService.ImageUsage.User("d".repeat(64), false));
        images.remove("other:v1", false, false, ImageService.ImageUsage.NONE);
        assertConflict(() -> images.remove("app:v1", false, false, stopped),
                "conflict: unable to remove repository reference \"app:v1\" (must force) - container dddddddddddd is using its referenced image " + shortId);
        assertThat(images.remove(shortId, true, false, stopped)).containsExactly(new ImageDeleteResult.Untagged("app:v1"));
        assertThat(images.inspect(shortId).repoTags()).isEmpty();
        assertThat(images.remove(a.id().toString(), false, false, ImageService.ImageUsage.NONE))
                .contains(new ImageDeleteResult.Deleted(a.id().toString()));
        assertNothingStored(images);
    }

    @Test
    void remove_keepsLayersSharedWithOtherImages() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        byte[] base = rootfs("base");
        byte[] top1 = new TarBuilder().file("one", "1").build();
        byte[] top2 = new TarBuilder().file("two", "2").build();
        images.load(new ByteArrayInputStream(dockerArchive(List.of(
                new Img("one:latest", List.of(base, top1)), new Img("two:latest", List.of(base, top2))))), Progress.Listener.NONE);
        Image two = images.inspect("two");
        images.remove("one", false, false, ImageService.ImageUsage.NONE);
        List<Path> paths = images.layerPaths(two.id());
        assertThat(Files.readString(paths.get(0).resolve("two"))).isEqualTo("2");
        assertThat(Files.readString(paths.get(1).resolve("bin/marker"))).isEqualTo("base");
        assertThat(new DefaultImageService(root).layerPaths(two.id())).isEqualTo(paths);
    }

    @Test
    void saveLoadSave_roundTripsByteForByte() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        byte[] base = rootfs("base");
        byte[] top = new TarBuilder().file("etc/.wh.motd", "").file("app", "x").build();
        List<String> lines = images.load(new ByteArrayInputStream(dockerArchive(List.of(new Img("busybox:latest", List.of(base, top))))),
                Progress.Listener.NONE);
        assertThat(lines).containsExactly("Loaded image: busybox:latest");
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        images.save(List.of("busybox"), first);

        Path other = Files.createDirectory(root.resolve("other"));
        DefaultImageService second = new DefaultImageService(other);
        List<String> events = new ArrayList<>();
        assertThat(second.load(new ByteArrayInputStream(first.toByteArray()), e -> events.add(e.toString())))
                .containsExactly("Loaded image: busybox:latest");
        assertThat(events).anyMatch(e -> e.contains("Loading layer"));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        second.save(List.of("busybox:latest"), again);
        assertThat(again.toByteArray()).isEqualTo(first.toByteArray());
        assertThat(second.inspect("busybox").id()).isEqualTo(images.inspect("busybox").id());

        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(first.toByteArray()))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                names.add(e.getName());
                if (e.getName().equals("manifest.json")) {
                    JsonNode m = JSON.readTree(in.readAllBytes());
                    assertThat(m.get(0).path("RepoTags").get(0).asText()).isEqualTo("busybox:latest");
                    assertThat(m.get(0).path("Config").asText()).isEqualTo(images.inspect("busybox").id().hex() + ".json");
                    assertThat(m.get(0).path("Layers")).hasSize(2);
                }
            }
        }
        assertThat(names).contains("manifest.json", "repositories").anyMatch(n -> n.endsWith("/layer.tar"))
                .anyMatch(n -> n.endsWith("/VERSION"));
    }

    @Test
    void load_readsOciLayoutWithGzipLayersAndCompressedArchive() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        byte[] layer = rootfs("oci");
        byte[] gz = gzip(layer);
        byte[] config = configJson(List.of(Digest.sha256(layer)));
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.set("config", descriptor("application/vnd.oci.image.config.v1+json", config));
        manifest.putArray("layers").add(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", gz));
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        ObjectNode m = descriptor("application/vnd.oci.image.manifest.v1+json", manifestBytes);
        m.putObject("annotations").put("io.containerd.image.name", "docker.io/library/ocitest:1");
        index.putArray("manifests").add(m);
        TarBuilder t = new TarBuilder().file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}")
                .file("index.json", JSON.writeValueAsString(index));
        for (byte[] blob : List.of(config, manifestBytes, gz)) {
            t.entry(blobEntry(blob), blob);
        }
        List<String> lines = images.load(new ByteArrayInputStream(gzip(t.build())), Progress.Listener.NONE);
        assertThat(lines).containsExactly("Loaded image: ocitest:1");
        Image img = images.inspect("ocitest:1");
        assertThat(img.id()).isEqualTo(Digest.sha256(config));
        assertThat(Files.readString(images.layerPaths(img.id()).getFirst().resolve("bin/marker"))).isEqualTo("oci");
        // the uncompressed layer is kept by diff ID, so save can write it
        assertThat(root.resolve("content/blobs/sha256/" + Digest.sha256(layer).hex())).hasBinaryContent(layer);
    }

    @Test
    void load_failuresLeaveNoImageTagOrLayer() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        byte[] good = rootfs("good");
        byte[] hostile = new TarBuilder().file("x", "1").symlink("l", "/").hardlink("h", "../../etc/passwd").build();
        // second image's layer is hostile: the first image must not survive either
        byte[] archive = dockerArchive(List.of(new Img("good:1", List.of(good)), new Img("bad:1", List.of(good, hostile))));
        assertThatThrownBy(() -> images.load(new ByteArrayInputStream(archive), Progress.Listener.NONE))
                .isInstanceOf(BerthException.class).hasMessageStartingWith("invalid tar");
        assertNothingStored(images);

        // a config whose diff_ids disagree with the layer
        byte[] wrongConfig = configJson(List.of(Digest.sha256("other".getBytes())));
        byte[] mismatch = new TarBuilder().entry(fileEntry("cfg.json", wrongConfig), wrongConfig)
                .entry(fileEntry("l/layer.tar", good), good)
                .file("manifest.json", "[{\"Config\":\"cfg.json\",\"RepoTags\":[\"m:1\"],\"Layers\":[\"l/layer.tar\"]}]").build();
        assertThatThrownBy(() -> images.load(new ByteArrayInputStream(mismatch), Progress.Listener.NONE))
                .isInstanceOf(BerthException.class).hasMessageContaining("diff ID");
        assertNothingStored(images);

        // a layer named by the manifest but absent
        byte[] missing = new TarBuilder().entry(fileEntry("cfg.json", configJson(List.of(Digest.sha256(good)))),
                        configJson(List.of(Digest.sha256(good))))
                .file("manifest.json", "[{\"Config\":\"cfg.json\",\"RepoTags\":[\"m:1\"],\"Layers\":[\"l/layer.tar\"]}]").build();
        assertThatThrownBy(() -> images.load(new ByteArrayInputStream(missing), Progress.Listener.NONE))
                .isInstanceOf(BerthException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> images.load(new ByteArrayInputStream("not a tar at all".repeat(64).getBytes()),
                Progress.Listener.NONE)).isInstanceOf(BerthException.class);
        assertNothingStored(images);
    }

    @Test
    void prune_removesDanglingOrUnusedImages() {
        DefaultImageService images = new DefaultImageService(root);
        Image tagged = importImage(images, "t", "keep:1");
        Image dangling = importImage(images, "d", null, "LABEL x=y");
        Image used = importImage(images, "u", null);
        ImageService.ImageUsage usage = id -> id.equals(used.id()) ? List.of(new ImageService.ImageUsage.User("c1", false)) : List.of();
        assertThat(images.prune(false, List.of("!x"), List.of(), usage).deleted()).isEmpty();
        ImagePruneReport r = images.prune(false, List.of("x=y"), List.of(), usage);
        assertThat(r.deleted()).contains(new ImageDeleteResult.Deleted(dangling.id().toString()));
        assertThat(r.spaceReclaimed()).isEqualTo(1);
        assertThat(images.exists(used.id().toString())).isTrue();
        ImagePruneReport all = images.prune(true, List.of(), List.of("1h"), usage);
        assertThat(all.deleted()).isEmpty(); // everything is younger than an hour
        images.prune(true, List.of(), List.of(), usage);
        assertThat(images.exists("keep:1")).isFalse();
        assertThat(images.list(ImageFilter.none())).extracting(Image::id).containsExactly(used.id());
        assertThat(tagged).isNotNull();
    }

    // ---- helpers ----

    private record Img(String tag, List<byte[]> layers) {}

    private static byte[] dockerArchive(List<Img> imgs) throws Exception {
        TarBuilder t = new TarBuilder();
        ArrayNode manifest = JSON.createArrayNode();
        for (Img img : imgs) {
            List<Digest> diffs = img.layers().stream().map(Digest::sha256).toList();
            byte[] config = configJson(diffs);
            String cfgName = Digest.sha256(config).hex() + ".json";
            t.entry(fileEntry(cfgName, config), config);
            ObjectNode m = manifest.addObject();
            m.put("Config", cfgName);
            m.putArray("RepoTags").add(img.tag());
            ArrayNode layers = m.putArray("Layers");
            List<Digest> chain = ChainIds.of(diffs);
            for (int i = 0; i < diffs.size(); i++) {
                String name = chain.get(i).hex() + "/layer.tar";
                layers.add(name);
                t.entry(fileEntry(name, img.layers().get(i)), img.layers().get(i));
            }
        }
        t.entry(fileEntry("manifest.json", JSON.writeValueAsBytes(manifest)), JSON.writeValueAsBytes(manifest));
        return t.build();
    }

    private static byte[] configJson(List<Digest> diffIds) throws Exception {
        ObjectNode c = JSON.createObjectNode();
        c.put("architecture", "amd64");
        c.put("os", "linux");
        c.put("created", "2024-01-01T00:00:00Z");
        c.putObject("config").putArray("Cmd").add("sh");
        ObjectNode rootfs = c.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode d = rootfs.putArray("diff_ids");
        diffIds.forEach(x -> d.add(x.toString()));
        return JSON.writeValueAsBytes(c);
    }

    private static ObjectNode descriptor(String mediaType, byte[] blob) {
        ObjectNode d = JSON.createObjectNode();
        d.put("mediaType", mediaType);
        d.put("digest", Digest.sha256(blob).toString());
        d.put("size", blob.length);
        return d;
    }

    private static TarArchiveEntry blobEntry(byte[] blob) {
        return fileEntry("blobs/sha256/" + Digest.sha256(blob).hex(), blob);
    }

    private static TarArchiveEntry fileEntry(String name, byte[] data) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        e.setMode(0644);
        return e;
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(data);
        }
        return out.toByteArray();
    }

    private void assertNothingStored(DefaultImageService images) throws Exception {
        assertThat(images.list(ImageFilter.none())).isEmpty();
        assertThat(new DefaultImageService(root).list(ImageFilter.none())).isEmpty();
        try (Stream<Path> s = Files.list(root.resolve("snapshots"))) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("index.json")).toList()).isEmpty();
        }
        try (Stream<Path> s = Files.list(root.resolve("content/blobs/sha256"))) {
            assertThat(s.toList()).isEmpty();
        }
        try (Stream<Path> s = Files.list(root.resolve("content/ingest"))) {
            assertThat(s.toList()).isEmpty();
        }
        try (Stream<Path> s = Files.list(root.resolve("images"))) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("repositories.json")).toList()).isEmpty();
        }
    }

    private static void assertNotFound(Runnable r, String message) {
        assertThatThrownBy(r::run).isInstanceOf(BerthException.class).hasMessageStartingWith(message)
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    private static void assertConflict(Runnable r, String message) {
        assertThatThrownBy(r::run).isInstanceOf(BerthException.class).hasMessage(message)
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.CONFLICT));
    }
}

package berth.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.archive.TarBuilder;
import berth.archive.TarWriter;
import berth.content.Digest;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultImageServiceCommitTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant WHEN = Instant.parse("2026-01-02T03:04:05Z");
    @TempDir
    Path root;

    private Image base(DefaultImageService images) {
        byte[] rootfs = new TarBuilder().dir("bin").file("bin/marker", "base", 0755, 0, 0).file("bin/old", "old", 0644, 0, 0).build();
        return images.importTarball(new ByteArrayInputStream(rootfs), Optional.of("base:1"), List.of("CMD [\"sh\"]"), "",
                Progress.Listener.NONE);
    }

    /** A layer that adds /hello and deletes /bin/old. */
    private static byte[] layer() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter w = new TarWriter(out);
        w.put(TarWriter.Header.of("bin/", TarWriter.DIRECTORY, 0755, 0, 0, 1));
        w.put(TarWriter.Header.of("bin/.wh.old", TarWriter.REGULAR, 0600, 0, 0, 1));
        byte[] hello = "hello\n".getBytes(StandardCharsets.UTF_8);
        w.put(new TarWriter.Header("hello", TarWriter.REGULAR, 0644, 0, 0, hello.length, 1, "", 0, 0, java.util.Map.of()));
        w.writeContent(new ByteArrayInputStream(hello));
        w.finish();
        return out.toByteArray();
    }

    private static ImageCommit commitOf(Image parent, String ref, ImageConfig config) {
        return new ImageCommit(Optional.of(parent.id()), config, "sh -c echo hello > /hello", "me", "msg", "c0ffee",
                Optional.ofNullable(ref), WHEN);
    }

    @Test
    void commit_addsTheLayerOnTheParentWithHistoryParentAndTag() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        Image base = base(images);
        byte[] layer = layer();
        ImageConfig cfg = ImageChanges.apply(base.config(), List.of("CMD [\"cat\", \"/hello\"]"));

        Image img = images.commit(commitOf(base, "mine", cfg), out -> out.write(layer));

        assertThat(img.repoTags()).containsExactly("mine:latest");
        assertThat(img.parent()).isEqualTo(base.id().toString());
        assertThat(img.diffIds()).containsExactly(base.diffIds().getFirst(), Digest.sha256(layer));
        assertThat(img.config().cmd()).hasValue(List.of("cat", "/hello"));
        assertThat(img.author()).isEqualTo("me");
        assertThat(img.history()).hasSize(2);
        assertThat(img.history().getLast().createdBy()).isEqualTo("sh -c echo hello > /hello");
        assertThat(img.history().getLast().comment()).isEqualTo("msg");
        JsonNode config = JSON.readTree(images.config(img.id()));
        assertThat(config.path("container").asText()).isEqualTo("c0ffee");
        assertThat(config.path("history").get(1).path("author").asText()).isEqualTo("me");
        assertThat(config.path("history").get(1).has("empty_layer")).isFalse();
        // the layer is unpacked with its whiteout, on top of the parent's layer, and its tar is kept exactly
        List<Path> layers = images.layerPaths(img.id());
        assertThat(layers).hasSize(2);
        assertThat(Files.readString(layers.getFirst().resolve("hello"))).isEqualTo("hello\n");
        assertThat(Files.readAttributes(layers.getFirst().resolve("bin/old"), "unix:mode").get("mode"))
                .isEqualTo(0020000);
        try (var in = images.openLayer(Digest.sha256(layer))) {
            assertThat(in.readAllBytes()).isEqualTo(layer);
        }
        // parent and history survive a restart
        DefaultImageService reopened = new DefaultImageService(root);
        assertThat(reopened.inspect("mine").parent()).isEqualTo(base.id().toString());
        List<HistoryStep> history = reopened.history("mine");
        assertThat(history).extracting(HistoryStep::id).containsExactly(img.id().toString(), base.id().toString());
        assertThat(history.getFirst().size()).isEqualTo(6);
        assertThat(history.getFirst().tags()).containsExactly("mine:latest");
        assertThat(history.get(1).tags()).containsExactly("base:1");
    }

    @Test
    void commit_ofNoChangesAddsNoLayerAndMarksTheStepEmpty() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        Image base = base(images);
        ImageConfig cfg = ImageChanges.apply(base.config(), List.of("ENV A=1"));

        Image img = images.commit(commitOf(base, null, cfg), out -> new TarWriter(out).finish());

        assertThat(img.repoTags()).isEmpty();
        assertThat(img.diffIds()).isEqualTo(base.diffIds());
        assertThat(img.history().getLast().emptyLayer()).isTrue();
        assertThat(images.history(img.id().toString()).getFirst().size()).isZero();
        assertThat(img.config().env()).containsExactly("A=1");
    }

    @Test
    void commit_failureLeavesNothingBehind() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        Image base = base(images);
        int blobs = countBlobs();

        assertThatThrownBy(() -> images.commit(commitOf(base, "x", base.config()), out -> {
            out.write(layer(), 0, 700);
            throw new IOException("disk full");
        })).isInstanceOf(BerthException.class).hasMessageContaining("disk full");
        ImageCommit orphan = new ImageCommit(Optional.of(new Digest("sha256", "ab".repeat(32))), base.config(), "", "", "", "",
                Optional.empty(), WHEN);
        assertThatThrownBy(() -> images.commit(orphan, out -> out.write(layer())))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));

        assertThat(images.list(ImageFilter.none())).hasSize(1);
        assertThat(countBlobs()).isEqualTo(blobs);
        assertThat(images.exists("x")).isFalse();
    }

    /** base:1 → step (untagged) → top, as a build leaves them; top tagged when {@code tag} is given. */
    private static Image[] chain(DefaultImageService images, Image base, String tag) throws IOException {
        Image step = images.commit(commitOf(base, null, base.config()), out -> out.write(layer()));
        Image top = images.commit(new ImageCommit(Optional.of(step.id()), base.config(), "/bin/sh -c #(nop)  ENV A=1", "",
                "", "", Optional.ofNullable(tag), WHEN), out -> new TarWriter(out).finish());
        return new Image[] {step, top};
    }

    @Test
    void intermediateImages_areHiddenUnlessAll_andKeptByTheirChild() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        Image base = base(images);
        Image[] made = chain(images, base, "top:1");

        assertThat(images.list(ImageFilter.none())).extracting(Image::id).containsExactlyInAnyOrder(base.id(), made[1].id());
        ImageFilter all = new ImageFilter(List.of(), Optional.empty(), List.of(), List.of(), List.of(), true);
        assertThat(images.list(all)).extracting(Image::id).contains(made[0].id());
        ImageFilter dangling = new ImageFilter(List.of(), Optional.of(true), List.of(), List.of(), List.of(), false);
        assertThat(images.list(dangling)).isEmpty();
        // image prune (dangling) takes heads only: the intermediate step stays for its child
        assertThat(images.prune(false, List.of(), List.of(), ImageService.ImageUsage.NONE).deleted()).isEmpty();
        assertThatThrownBy(() -> images.remove(made[0].id().toString(), true, false, ImageService.ImageUsage.NONE))
                .isInstanceOf(BerthException.class).hasMessageContaining("image has dependent child images");
        assertThat(images.exists(made[0].id().toString())).isTrue();
    }

    @Test
    void removingTheTop_removesItsUntaggedParents_unlessNoPrune() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        Image base = base(images);
        Image[] made = chain(images, base, "top:1");
        List<ImageDeleteResult> removed = images.remove("top:1", false, false, ImageService.ImageUsage.NONE);
        assertThat(removed).contains(new ImageDeleteResult.Deleted(made[1].id().toString()),
                new ImageDeleteResult.Deleted(made[0].id().toString()));
        assertThat(images.exists(made[0].id().toString())).isFalse();
        assertThat(images.exists("base:1")).isTrue(); // tagged: never taken along

        Image[] again = chain(images, base, "top:2");
        images.remove("top:2", false, true, ImageService.ImageUsage.NONE);
        assertThat(images.exists(again[0].id().toString())).isTrue();
        // now a dangling head: prune takes it
        images.prune(false, List.of(), List.of(), ImageService.ImageUsage.NONE);
        assertThat(images.exists(again[0].id().toString())).isFalse();
    }

    @Test
    void pruneOfADanglingBuild_takesTheChainButNotWhatAContainerUses() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        Image base = base(images);
        Image[] made = chain(images, base, null);
        ImageService.ImageUsage stepInUse = id -> id.equals(made[0].id())
                ? List.of(new ImageService.ImageUsage.User("c1", false)) : List.of();
        images.prune(false, List.of(), List.of(), stepInUse);
        assertThat(images.exists(made[1].id().toString())).isFalse();
        assertThat(images.exists(made[0].id().toString())).isTrue();
    }

    @Test
    void pruneAll_untagsAnUnusedParentAndKeepsItForTheChildAContainerUses() throws Exception {
        DefaultImageService images = new DefaultImageService(root);
        Image base = base(images);
        Image[] made = chain(images, base, "top:1");
        ImageService.ImageUsage topInUse = id -> id.equals(made[1].id())
                ? List.of(new ImageService.ImageUsage.User("c1", true)) : List.of();

        ImagePruneReport r = images.prune(true, List.of(), List.of(), topInUse);

        // dockerd 20.10 deletes base:1 by its name: the name goes, the image stays under top's chain
        assertThat(r.deleted()).containsExactly(new ImageDeleteResult.Untagged("base:1"));
        assertThat(r.spaceReclaimed()).isZero();
        assertThat(images.exists(base.id().toString())).isTrue();
        assertThat(images.exists("base:1")).isFalse();
        assertThat(images.exists("top:1")).isTrue();
        assertThat(images.list(ImageFilter.none())).extracting(Image::id).containsExactly(made[1].id());
    }

    private int countBlobs() throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("content/blobs/sha256"))) {
            return (int) s.count();
        }
    }
}

package berth.registry.storage;

import static berth.registry.storage.Fixtures.bytes;
import static berth.registry.storage.Fixtures.pushBlob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.content.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoriesTest {
    private static final RepositoryName REPO = RepositoryName.of("library/busybox");
    private static final String IMAGE = "application/vnd.oci.image.manifest.v1+json";
    private static final String INDEX = "application/vnd.oci.image.index.v1+json";

    @TempDir
    Path root;

    private RegistryStorage storage;
    private Repositories repos;

    @BeforeEach
    void open() {
        storage = RegistryStorage.open(root, StorageConfig.defaults());
        repos = storage.repositories();
    }

    private static void assertFails(ThrowingCallable call, RegistryError code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private Digest putImage(RepositoryName repo, String tag, String body, List<Digest> refs) {
        return repos.putManifest(repo, Reference.of(Tag.of(tag)), bytes(body), IMAGE, refs);
    }

    @Test
    void names_followTheSpecsPatterns() {
        for (String ok : List.of("a", "library/busybox", "a.b_c__d---e/f0", "x/y/z")) {
            assertThat(RepositoryName.of(ok).value()).isEqualTo(ok);
        }
        for (String bad : List.of("", "A", "a//b", "/a", "a/", "a/../b", "_a", "a..b", "a___b", "a".repeat(256))) {
            assertFails(() -> RepositoryName.of(bad), RegistryError.NAME_INVALID);
        }
        assertThat(Tag.of("_v1.0-rc").value()).isEqualTo("_v1.0-rc");
        for (String bad : List.of("", ".hidden", "-x", "a/b", "a:b", "t".repeat(129))) {
            assertFails(() -> Tag.of(bad), RegistryError.TAG_INVALID);
        }
        assertThat(Reference.parse("latest")).isEqualTo(Reference.of(Tag.of("latest")));
        assertFails(() -> Reference.parse("sha256:abc"), RegistryError.DIGEST_INVALID);
    }

    @Test
    void putManifest_storesTheExactBytesFoundByTagAndByDigest() {
        Digest layer = pushBlob(storage, REPO, "layer");
        String body = "{ \"mediaType\": \"" + IMAGE + "\",   \"layers\": [] }";

        Digest digest = putImage(REPO, "v1", body, List.of(layer));

        assertThat(digest).isEqualTo(Digest.sha256(bytes(body)));
        for (Reference ref : List.of(Reference.of(Tag.of("v1")), Reference.of(digest))) {
            Manifest m = repos.getManifest(REPO, ref);
            assertThat(m.content()).isEqualTo(bytes(body));
            assertThat(m.mediaType()).isEqualTo(IMAGE);
            assertThat(m.digest()).isEqualTo(digest);
            assertThat(m.references()).containsExactly(layer);
        }
    }

    @Test
    void putManifest_referencingAnUnknownBlob_failsAndStoresNothing() {
        Digest layer = pushBlob(storage, REPO, "layer");
        Digest missing = Fixtures.digestOf("never pushed");

        assertThatThrownBy(() -> putImage(REPO, "v1", "{}", List.of(layer, missing)))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(RegistryError.MANIFEST_BLOB_UNKNOWN))
                .hasMessageContaining(missing.toString())
                .hasMessageNotContaining(layer.toString());

        assertFails(() -> repos.getManifest(REPO, Reference.of(Tag.of("v1"))), RegistryError.MANIFEST_UNKNOWN);
        assertThat(storage.blobs().list()).containsExactly(layer);
    }

    @Test
    void putManifest_byDigest_mustMatchTheBytes() {
        Digest other = Fixtures.digestOf("something else");
        assertFails(() -> repos.putManifest(REPO, Reference.of(other), bytes("{}"), IMAGE, List.of()), RegistryError.DIGEST_INVALID);

        Digest digest = repos.putManifest(REPO, Reference.of(Digest.sha256(bytes("{}"))), bytes("{}"), IMAGE, List.of());
        assertThat(repos.getManifest(REPO, Reference.of(digest)).content()).isEqualTo(bytes("{}"));
        assertThat(repos.tags(REPO, OptionalInt.empty(), Optional.empty()).items()).isEmpty();
    }

    @Test
    void putManifest_ofAnIndex_acceptsManifestsOfTheRepositoryAsReferences() {
        Digest child = putImage(REPO, "amd64", "{\"child\":1}", List.of());

        Digest index = repos.putManifest(REPO, Reference.of(Tag.of("latest")), bytes("{\"index\":1}"), INDEX, List.of(child));

        assertThat(repos.getManifest(REPO, Reference.of(Tag.of("latest"))).digest()).isEqualTo(index);
        assertFails(() -> repos.putManifest(RepositoryName.of("elsewhere"), Reference.of(Tag.of("x")), bytes("{\"index\":1}"), INDEX,
                List.of(child)), RegistryError.MANIFEST_BLOB_UNKNOWN);
    }

    @Test
    void tags_comeInLexicalOrderAndPageWithNAndLast() {
        for (String t : List.of("b", "A", "a", "c", "B10", "b2")) {
            putImage(REPO, t, "{}", List.of());
        }

        assertThat(repos.tags(REPO, OptionalInt.empty(), Optional.empty()).items()).containsExactly("A", "a", "b", "B10", "b2", "c");

        Page first = repos.tags(REPO, OptionalInt.of(2), Optional.empty());
        assertThat(first.items()).containsExactly("A", "a");
        assertThat(first.more()).isTrue();
        Page second = repos.tags(REPO, OptionalInt.of(2), Optional.of("a"));
        assertThat(second.items()).containsExactly("b", "B10");
        Page last = repos.tags(REPO, OptionalInt.of(2), Optional.of("B10"));
        assertThat(last.items()).containsExactly("b2", "c");
        assertThat(last.more()).isFalse();

        assertThat(repos.tags(REPO, OptionalInt.of(0), Optional.empty())).isEqualTo(new Page(List.of(), false));
        assertThat(repos.tags(REPO, OptionalInt.empty(), Optional.of("b")).items()).containsExactly("B10", "b2", "c");
        assertThat(repos.tags(REPO, OptionalInt.of(10), Optional.of("bb")).items()).containsExactly("c");
        assertFails(() -> repos.tags(RepositoryName.of("nothing"), OptionalInt.empty(), Optional.empty()), RegistryError.NAME_UNKNOWN);
    }

    @Test
    void listings_skipWhatACrashLeftBehind() throws IOException {
        putImage(REPO, "v1", "{}", List.of());
        Files.writeString(root.resolve("repositories/library/busybox/_manifests/tags/.tmp-v2-1f"), "garbage");
        Files.createDirectories(root.resolve("repositories/Not_A_Name/_layers"));

        assertThat(repos.tags(REPO, OptionalInt.empty(), Optional.empty()).items()).containsExactly("v1");
        assertThat(repos.catalog(OptionalInt.empty(), Optional.empty()).items()).containsExactly("library/busybox");
    }

    @Test
    void catalog_listsNestedRepositoriesInOrderAndPages() {
        for (String name : List.of("b", "a/x", "a", "a/x/y", "c-d")) {
            putImage(RepositoryName.of(name), "t", "{}", List.of());
        }
        pushBlob(storage, RepositoryName.of("blobs.only"), "data");

        assertThat(repos.catalog(OptionalInt.empty(), Optional.empty()).items())
                .containsExactly("a", "a/x", "a/x/y", "b", "blobs.only", "c-d");
        Page page = repos.catalog(OptionalInt.of(2), Optional.of("a/x"));
        assertThat(page.items()).containsExactly("a/x/y", "b");
        assertThat(page.more()).isTrue();
        assertThat(repos.exists(RepositoryName.of("a/x"))).isTrue();
        assertThat(repos.catalog(OptionalInt.of(0), Optional.empty())).isEqualTo(new Page(List.of(), false));
    }

    @Test
    void deleteManifest_removesItAndTheTagsPointingAtIt() {
        Digest one = putImage(REPO, "one", "{\"n\":1}", List.of());
        putImage(REPO, "also-one", "{\"n\":1}", List.of());
        Digest two = putImage(REPO, "two", "{\"n\":2}", List.of());

        repos.deleteManifest(REPO, one);

        assertFails(() -> repos.getManifest(REPO, Reference.of(one)), RegistryError.MANIFEST_UNKNOWN);
        assertFails(() -> repos.getManifest(REPO, Reference.of(Tag.of("one"))), RegistryError.MANIFEST_UNKNOWN);
        assertThat(repos.tags(REPO, OptionalInt.empty(), Optional.empty()).items()).containsExactly("two");
        assertThat(repos.getManifest(REPO, Reference.of(two)).digest()).isEqualTo(two);
        assertFails(() -> repos.deleteManifest(REPO, one), RegistryError.MANIFEST_UNKNOWN);
    }

    @Test
    void deleteTag_keepsTheManifest() {
        Digest digest = putImage(REPO, "v1", "{}", List.of());

        repos.deleteTag(REPO, Tag.of("v1"));

        assertFails(() -> repos.getManifest(REPO, Reference.of(Tag.of("v1"))), RegistryError.MANIFEST_UNKNOWN);
        assertThat(repos.getManifest(REPO, Reference.of(digest)).digest()).isEqualTo(digest);
        assertFails(() -> repos.deleteTag(REPO, Tag.of("v1")), RegistryError.MANIFEST_UNKNOWN);
    }

    @Test
    void blobs_areServedOnlyByRepositoriesTheyWerePushedOrMountedInto() {
        RepositoryName other = RepositoryName.of("other");
        Digest layer = pushBlob(storage, REPO, "layer");
        pushBlob(storage, other, "unrelated");

        assertThat(repos.statBlob(other, layer)).isEmpty();
        assertFails(() -> repos.openBlob(other, layer, Optional.empty()), RegistryError.BLOB_UNKNOWN);
        assertFails(() -> putImage(other, "v1", "{}", List.of(layer)), RegistryError.MANIFEST_BLOB_UNKNOWN);

        assertThat(repos.mount(REPO, other, layer)).isTrue();

        assertThat(repos.statBlob(other, layer)).hasValue(5);
        putImage(other, "v1", "{}", List.of(layer));
    }

    @Test
    void mount_fromARepositoryWithoutTheBlob_isRefused() {
        RepositoryName other = RepositoryName.of("other");
        Digest layer = pushBlob(storage, REPO, "layer");

        assertThat(repos.mount(other, RepositoryName.of("third"), layer)).isFalse();
        assertThat(repos.mount(REPO, other, Fixtures.digestOf("nothing"))).isFalse();
        assertThat(repos.exists(RepositoryName.of("third"))).isFalse();
    }

    @Test
    void deleteBlob_unlinksItFromTheRepositoryOnly() {
        RepositoryName other = RepositoryName.of("other");
        Digest layer = pushBlob(storage, REPO, "layer");
        repos.mount(REPO, other, layer);

        repos.deleteBlob(REPO, layer);

        assertThat(repos.statBlob(REPO, layer)).isEmpty();
        assertThat(repos.statBlob(other, layer)).hasValue(5);
        assertFails(() -> repos.deleteBlob(REPO, layer), RegistryError.BLOB_UNKNOWN);
    }
}

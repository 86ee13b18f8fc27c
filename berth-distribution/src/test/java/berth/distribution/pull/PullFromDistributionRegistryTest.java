package berth.distribution.pull;

import static berth.distribution.pull.TestImages.entries;
import static berth.distribution.pull.TestImages.gzipLayer;
import static berth.distribution.pull.TestImages.plainLayer;
import static berth.distribution.pull.TestImages.tar;
import static berth.distribution.pull.TestImages.zstdLayer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.content.Digest;
import berth.distribution.DistributionService;
import berth.distribution.MediaTypes;
import berth.distribution.Platform;
import berth.distribution.RegistryHosts;
import berth.distribution.pull.TestImages.Image;
import berth.distribution.pull.TestImages.Layer;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.image.DefaultImageService;
import berth.image.ImageIngest;
import berth.image.Progress;
import berth.image.RegistryCredentials;
import berth.image.RegistryService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulls from Debian's docker-registry (Distribution 2.8) into a real image store; images put there by skopeo. */
class PullFromDistributionRegistryTest {
    @TempDir
    static Path shared;
    static DistributionRegistry registry;

    static final Layer L1 = gzipLayer(tar(entries("etc/", "", "etc/hello", "hello", "bin/", "", "bin/tool", "v1")));
    static final Layer L2 = gzipLayer(tar(entries("etc/", "", "etc/.wh.hello", "", "etc/added", "added")));
    static final Layer L3 = zstdLayer(tar(entries("opt/", "", "opt/z", "zstd")));
    static final Layer L4 = plainLayer(tar(entries("app", "child")));
    static final Image BASE = TestImages.image("amd64", List.of(L1, L2, L3));
    static final Image CHILD = TestImages.image("amd64", List.of(L1, L4));
    static final Image AMD = TestImages.image("amd64", List.of(gzipLayer(tar(entries("arch", "amd64")))));
    static final Image ARM = TestImages.image("arm64", List.of(gzipLayer(tar(entries("arch", "arm64")))));
    static final TestImages.Blob MULTI = TestImages.index(List.of(AMD, ARM), List.of("linux/amd64", "linux/arm64"));

    @TempDir
    Path dataRoot;
    DefaultImageService images;
    DistributionService service;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = DistributionRegistry.start(shared.resolve("registry"), Optional.empty(), Optional.empty());
        TestImages.OciLayout layout = new TestImages.OciLayout(shared.resolve("layout"));
        layout.add(BASE, "base");
        layout.add(CHILD, "child");
        layout.addIndex(List.of(AMD, ARM), MULTI, "multi");
        registry.push(layout.dir(), "base", "test/base:v1", false);
        registry.push(layout.dir(), "child", "test/child:v1", false);
        registry.push(layout.dir(), "multi", "test/multi:v1", true);
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    void open() {
        images = new DefaultImageService(dataRoot);
        service = new DistributionService(images, RegistryHosts.defaults(), Platform.LINUX_AMD64, dataRoot);
    }

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
    }

    private String ref(String repoAndTag) {
        return registry.host() + "/" + repoAndTag;
    }

    @Test
    void pull_byTag_storesTheImageWithItsTagAndRepoDigest() throws Exception {
        open();
        Events events = new Events();

        ImageIngest.Committed c = service.pull(ref("test/base:v1"), Optional.empty(), RegistryCredentials.ANONYMOUS, events);

        assertThat(c.changed()).isTrue();
        assertThat(c.image().id()).isEqualTo(BASE.config().digest());
        assertThat(c.image().diffIds()).containsExactly(L1.diffId(), L2.diffId(), L3.diffId());
        assertThat(c.image().repoTags()).containsExactly(ref("test/base:v1"));
        assertThat(c.image().repoDigests()).containsExactly(ref("test/base@" + BASE.manifest().digest()));
        assertThat(events.lines()).contains("v1: Pulling from test/base", "Digest: " + BASE.manifest().digest(),
                "Status: Downloaded newer image for " + ref("test/base:v1"));
        assertThat(events.count("Pull complete")).isEqualTo(3);
        assertThat(events.count("Already exists")).isZero();
        assertThat(images.inspect(ref("test/base:v1")).id()).isEqualTo(c.image().id());
        // every layer unpacked, the zstd one too
        assertThat(files(images, c.image().id(), "opt/z")).anySatisfy(p -> assertThat(Files.readString(p)).isEqualTo("zstd"));
        assertThat(files(images, c.image().id(), "etc/added")).hasSize(1);
        // the pulled layers' sources are kept for a later push
        LayerSources sources = new LayerSources(dataRoot);
        assertThat(sources.sources(L3.diffId())).containsExactly(new LayerSources.Source(L3.blob().digest().toString(),
                MediaTypes.OCI_LAYER_ZSTD, L3.blob().data().length, registry.host(), "test/base"));
    }

    @Test
    void pull_again_saysUpToDateAndDownloadsNothing() {
        open();
        service.pull(ref("test/base:v1"), Optional.empty(), RegistryCredentials.ANONYMOUS, Progress.Listener.NONE);
        Events events = new Events();

        ImageIngest.Committed c = service.pull(ref("test/base:v1"), Optional.empty(), RegistryCredentials.ANONYMOUS, events);

        assertThat(c.changed()).isFalse();
        assertThat(events.count("Already exists")).isEqualTo(3);
        assertThat(events.count("Downloading")).isZero();
        assertThat(events.count("Pulling fs layer")).isZero();
        assertThat(events.lines()).contains("Status: Image is up to date for " + ref("test/base:v1"));
    }

    @Test
    void pull_ofAnImageSharingABaseLayer_saysAlreadyExists() {
        open();
        service.pull(ref("test/base:v1"), Optional.empty(), RegistryCredentials.ANONYMOUS, Progress.Listener.NONE);
        Events events = new Events();

        ImageIngest.Committed c = service.pull(ref("test/child:v1"), Optional.empty(), RegistryCredentials.ANONYMOUS, events);

        assertThat(c.image().diffIds()).containsExactly(L1.diffId(), L4.diffId());
        // skopeo compresses the uncompressed layer on its way to the registry, so only L1 keeps its digest
        assertThat(events.lines()).contains(L1.blob().digest().shortHex() + ": Already exists");
        assertThat(events.count("Pull complete")).isEqualTo(1);
    }

    @Test
    void pull_byDigest_recordsTheRepoDigestAndNoTag() {
        open();
        Digest digest = BASE.manifest().digest();
        Events events = new Events();

        ImageIngest.Committed c = service.pull(ref("test/base@" + digest), Optional.empty(), RegistryCredentials.ANONYMOUS, events);

        assertThat(c.image().repoTags()).isEmpty();
        assertThat(c.image().repoDigests()).containsExactly(ref("test/base@" + digest));
        assertThat(events.lines()).contains("Status: Downloaded newer image for " + ref("test/base@" + digest));
    }

    @Test
    void pull_ofAnIndex_takesTheDaemonsPlatformOrTheAskedOne() {
        open();
        ImageIngest.Committed amd = service.pull(ref("test/multi:v1"), Optional.empty(), RegistryCredentials.ANONYMOUS,
                Progress.Listener.NONE);
        assertThat(amd.image().architecture()).isEqualTo("amd64");
        assertThat(amd.image().id()).isEqualTo(AMD.config().digest());

        Events events = new Events();
        ImageIngest.Committed arm = service.pull(ref("test/multi:v1"), Optional.of("linux/arm64"), RegistryCredentials.ANONYMOUS,
                events);

        assertThat(arm.image().architecture()).isEqualTo("arm64");
        assertThat(arm.image().id()).isEqualTo(ARM.config().digest());
        // the index digest is the repo digest, as docker shows it
        assertThat(arm.image().repoDigests()).containsExactly(ref("test/multi@" + MULTI.digest()));
        assertThat(events.lines()).contains("Digest: " + MULTI.digest());
        // the tag moved to the arm64 image
        assertThat(images.inspect(ref("test/multi:v1")).id()).isEqualTo(ARM.config().digest());
    }

    @Test
    void pull_ofAMissingPlatform_isNotFound() {
        open();
        assertThatThrownBy(() -> service.pull(ref("test/multi:v1"), Optional.of("linux/s390x"), RegistryCredentials.ANONYMOUS,
                Progress.Listener.NONE))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessageContaining("no matching manifest for linux/s390x");
    }

    @Test
    void pull_ofAnUnknownTag_saysManifestUnknownAsDocker() {
        open();
        assertThatThrownBy(() -> service.pull(ref("test/base:nope"), Optional.empty(), RegistryCredentials.ANONYMOUS,
                Progress.Listener.NONE))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessageStartingWith("manifest for " + ref("test/base:nope") + " not found: manifest unknown");
        assertThatThrownBy(() -> service.pull(ref("test/nothere:v1"), Optional.empty(), RegistryCredentials.ANONYMOUS,
                Progress.Listener.NONE))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessageContaining("not found");
    }

    @Test
    void inspect_listsThePlatformsOfAnIndex() {
        open();
        RegistryService.RemoteImage multi = service.inspect(ref("test/multi:v1"), RegistryCredentials.ANONYMOUS);
        assertThat(multi.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(multi.digest()).isEqualTo(MULTI.digest());
        assertThat(multi.size()).isEqualTo(MULTI.data().length);
        assertThat(multi.platforms()).containsExactly("linux/amd64", "linux/arm64");

        RegistryService.RemoteImage base = service.inspect(ref("test/base:v1"), RegistryCredentials.ANONYMOUS);
        assertThat(base.digest()).isEqualTo(BASE.manifest().digest());
        assertThat(base.platforms()).containsExactly("linux/amd64");
        assertThat(images.list(berth.image.ImageFilter.none())).isEmpty();
    }

    @Test
    void login_toAnOpenRegistry_succeeds() {
        open();
        assertThat(service.login(new RegistryCredentials("anyone", "x", "", "", registry.host())).status())
                .isEqualTo("Login Succeeded");
    }

    static List<Path> files(DefaultImageService images, Digest imageId, String relative) {
        return images.layerPaths(imageId).stream().map(p -> p.resolve(relative)).filter(Files::isRegularFile).toList();
    }

}

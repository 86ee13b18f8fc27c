package berth.distribution.push;

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
import berth.distribution.pull.DistributionRegistry;
import berth.distribution.pull.Events;
import berth.distribution.pull.LayerSources;
import berth.distribution.pull.TestImages;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.image.DefaultImageService;
import berth.image.Image;
import berth.image.Progress;
import berth.image.RegistryCredentials;
import berth.image.RegistryService.PushedManifest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes from a real image store to Debian's docker-registry (Distribution 2.8), then reads the result
 * back with berth's puller into a fresh store and with skopeo.
 */
class PushToDistributionRegistryTest {
    private static final long CHUNK = 1024 * 1024;

    @TempDir
    static Path shared;
    static DistributionRegistry registry;

    @TempDir
    Path root;
    DefaultImageService images;
    DistributionService service;
    final List<DistributionService> opened = new ArrayList<>();

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = DistributionRegistry.start(shared.resolve("registry"), Optional.empty(), Optional.empty());
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void open() {
        images = new DefaultImageService(root.resolve("a"));
        service = service(images, root.resolve("a"));
    }

    @AfterEach
    void close() {
        opened.forEach(DistributionService::close);
    }

    private DistributionService service(DefaultImageService store, Path dataRoot) {
        DistributionService s = new DistributionService(store, store, RegistryHosts.defaults(), Platform.LINUX_AMD64, dataRoot,
                new PushOptions(5, CHUNK));
        opened.add(s);
        return s;
    }

    private String ref(String repoAndTag) {
        return registry.host() + "/" + repoAndTag;
    }

    private Image importImage(String reference, String... nameThenContent) {
        return images.importTarball(new ByteArrayInputStream(tar(entries(nameThenContent))), Optional.of(reference), List.of(), "",
                Progress.Listener.NONE);
    }

    private List<PushedManifest> push(String reference, Progress.Listener events) {
        return service.push(reference, RegistryCredentials.ANONYMOUS, events);
    }

    @Test
    void push_thenPullIntoAFreshStore_givesTheSameImage() {
        Image image = importImage(ref("it/app:v1"), "etc/", "", "etc/hello", "hello");
        String layer = image.diffIds().getFirst().shortHex();
        Events events = new Events();

        List<PushedManifest> pushed = push(ref("it/app:v1"), events);

        assertThat(pushed).hasSize(1);
        PushedManifest m = pushed.getFirst();
        assertThat(m.tag()).isEqualTo("v1");
        assertThat(events.lines()).containsSubsequence("The push refers to repository [" + ref("it/app") + "]",
                layer + ": Preparing", layer + ": Pushing", layer + ": Pushed", "v1: digest: " + m.digest() + " size: " + m.size());
        assertThat(images.inspect(image.id().toString()).repoDigests()).containsExactly(ref("it/app@" + m.digest()));

        DefaultImageService other = new DefaultImageService(root.resolve("b"));
        var pulled = service(other, root.resolve("b")).pull(ref("it/app:v1"), Optional.empty(), RegistryCredentials.ANONYMOUS,
                Progress.Listener.NONE);
        assertThat(pulled.image().id()).isEqualTo(image.id());
        assertThat(pulled.image().diffIds()).isEqualTo(image.diffIds());
        assertThat(pulled.image().repoDigests()).containsExactly(ref("it/app@" + m.digest()));
    }

    @Test
    void push_again_saysLayerAlreadyExistsForEveryLayerAndGivesTheSameDigest() {
        importImage(ref("it/again:v1"), "a", "b");
        PushedManifest first = push(ref("it/again:v1"), Progress.Listener.NONE).getFirst();
        Events events = new Events();

        PushedManifest second = push(ref("it/again:v1"), events).getFirst();

        assertThat(second.digest()).isEqualTo(first.digest());
        assertThat(events.count("Layer already exists")).isEqualTo(1);
        assertThat(events.count("Pushed")).isZero();
        assertThat(events.count("Pushing")).isZero();
    }

    @Test
    void push_whenTheLayerSourcesAreLost_findsTheBlobByItsDigest() {
        importImage(ref("it/lost:v1"), "lost", "sources");
        push(ref("it/lost:v1"), Progress.Listener.NONE);
        // a daemon whose distribution/ records are gone: the gzip of the same tar is the same blob
        DistributionService fresh = new DistributionService(images, images, RegistryHosts.defaults(), Platform.LINUX_AMD64,
                root.resolve("empty"), PushOptions.DEFAULTS);
        opened.add(fresh);
        Events events = new Events();

        fresh.push(ref("it/lost:v1"), RegistryCredentials.ANONYMOUS, events);

        assertThat(events.count("Layer already exists")).isEqualTo(1);
        assertThat(events.count("Pushed")).isZero();
    }

    @Test
    void push_toAnotherRepositoryOfTheRegistry_mountsTheLayers() throws Exception {
        Image image = importImage(ref("it/first:v1"), "shared", "layer");
        push(ref("it/first:v1"), Progress.Listener.NONE);
        images.tag(image.id().toString(), ref("it/second"), "v1");
        Events events = new Events();

        PushedManifest m = push(ref("it/second:v1"), events).getFirst();

        assertThat(events.lines()).contains(image.diffIds().getFirst().shortHex() + ": Mounted from it/first");
        assertThat(events.count("Pushed")).isZero();
        assertThat(skopeoInspect("it/second:v1").path("Digest").asText()).isEqualTo(m.digest().toString());
        assertThat(images.inspect(image.id().toString()).repoDigests())
                .contains(ref("it/first@" + m.digest()), ref("it/second@" + m.digest()));
    }

    @Test
    void push_ofABigLayer_goesUpInChunks() throws Exception {
        String big = randomText(3 * CHUNK + CHUNK / 2);
        Image image = importImage(ref("it/big:v1"), "big", big);
        Events events = new Events();

        push(ref("it/big:v1"), events);

        LayerSources.Source source = new LayerSources(root.resolve("a")).sources(image.diffIds().getFirst()).getFirst();
        long expectedChunks = (source.size() + CHUNK - 1) / CHUNK;
        assertThat(expectedChunks).isGreaterThanOrEqualTo(3);
        // the registry writes its access log line just after answering: await it, then check no more came
        awaitLogLines("\"PATCH /v2/it/big/blobs/uploads/", expectedChunks);
        assertThat(logLines("\"PATCH /v2/it/big/blobs/uploads/")).isEqualTo(expectedChunks);
        assertThat(events.all()).filteredOn(e -> e instanceof Progress.Item i && i.status().equals("Pushing")).last()
                .isEqualTo(new Progress.Item(image.diffIds().getFirst().shortHex(), "Pushing", source.size(), source.size()));

        DefaultImageService other = new DefaultImageService(root.resolve("b"));
        var pulled = service(other, root.resolve("b")).pull(ref("it/big:v1"), Optional.empty(), RegistryCredentials.ANONYMOUS,
                Progress.Listener.NONE);
        assertThat(pulled.image().id()).isEqualTo(image.id());
    }

    @Test
    void push_ofASmallImage_usesNoChunks() throws Exception {
        importImage(ref("it/small:v1"), "small", "x");
        push(ref("it/small:v1"), Progress.Listener.NONE);
        awaitLogLines("\"PUT /v2/it/small/manifests/v1 ", 1);
        assertThat(logLines("\"PATCH /v2/it/small/")).isZero();
    }

    @Test
    void push_byNameWithoutTag_pushesEveryTagInLexicalOrder() {
        Image one = importImage(ref("it/tags:b"), "one", "1");
        images.tag(one.id().toString(), ref("it/tags"), "a");
        Image two = importImage(ref("it/tags:c"), "two", "2");
        importImage(ref("it/unrelated:a"), "three", "3");
        Events events = new Events();

        List<PushedManifest> pushed = push(ref("it/tags"), events);

        assertThat(pushed).extracting(PushedManifest::tag).containsExactly("a", "b", "c");
        assertThat(pushed.get(0).digest()).isEqualTo(pushed.get(1).digest());
        assertThat(pushed.get(2).digest()).isNotEqualTo(pushed.get(0).digest());
        assertThat(events.lines()).filteredOn(l -> l.startsWith("The push refers")).hasSize(1);
        assertThat(events.lines()).filteredOn(l -> l.contains(": digest: "))
                .containsExactly("a: digest: " + pushed.get(0).digest() + " size: " + pushed.get(0).size(),
                        "b: digest: " + pushed.get(1).digest() + " size: " + pushed.get(1).size(),
                        "c: digest: " + pushed.get(2).digest() + " size: " + pushed.get(2).size());
        assertThat(images.inspect(two.id().toString()).repoDigests()).containsExactly(ref("it/tags@" + pushed.get(2).digest()));
    }

    @Test
    void push_ofAnUnknownImage_isNotFoundInDockersWords() {
        Events events = new Events();
        assertThatThrownBy(() -> push(ref("it/nothing:v1"), events))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessage("An image does not exist locally with the tag: " + ref("it/nothing"));
        assertThat(events.lines()).containsExactly("The push refers to repository [" + ref("it/nothing") + "]");

        importImage(ref("it/some:v1"), "x", "y");
        assertThatThrownBy(() -> push(ref("it/some:v2"), Progress.Listener.NONE))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessage("tag does not exist: " + ref("it/some:v2"));
    }

    @Test
    void push_ofAPulledImageWithGzipZstdAndPlainLayers_mountsTheGzipOnesAndRecompressesTheOthers() throws Exception {
        TestImages.Layer gz = gzipLayer(tar(entries("etc/", "", "etc/a", "gzip")));
        TestImages.Layer zst = zstdLayer(tar(entries("opt/", "", "opt/z", "zstd")));
        TestImages.Layer plain = plainLayer(tar(entries("app", "plain")));
        TestImages.Image source = TestImages.image("amd64", List.of(gz, zst, plain));
        TestImages.OciLayout layout = new TestImages.OciLayout(root.resolve("layout"));
        layout.add(source, "mixed");
        registry.push(layout.dir(), "mixed", "it/mixed:v1", false);
        Image pulled = service.pull(ref("it/mixed:v1"), Optional.empty(), RegistryCredentials.ANONYMOUS, Progress.Listener.NONE).image();
        images.tag(pulled.id().toString(), ref("it/copy"), "v1");
        // skopeo gzips an uncompressed layer on its way to a registry: then that one can be mounted too
        boolean plainServedAsGzip = new LayerSources(root.resolve("a")).sources(plain.diffId()).getFirst().mediaType()
                .endsWith("gzip");
        Events events = new Events();
        DistributionService oneAtATime = new DistributionService(images, images, RegistryHosts.defaults(), Platform.LINUX_AMD64,
                root.resolve("a"), new PushOptions(1, CHUNK));
        opened.add(oneAtATime);

        PushedManifest m = oneAtATime.push(ref("it/copy:v1"), RegistryCredentials.ANONYMOUS, events).getFirst();

        assertThat(events.lines()).containsSubsequence(zst.diffId().shortHex() + ": Preparing",
                zst.diffId().shortHex() + ": Waiting", plain.diffId().shortHex() + ": Waiting");
        assertThat(events.lines()).contains(gz.diffId().shortHex() + ": Mounted from it/mixed",
                zst.diffId().shortHex() + ": Pushed",
                plain.diffId().shortHex() + (plainServedAsGzip ? ": Mounted from it/mixed" : ": Pushed"));
        JsonNode inspect = skopeoInspect("it/copy:v1");
        assertThat(inspect.path("Digest").asText()).isEqualTo(m.digest().toString());
        List<String> layers = new ArrayList<>();
        inspect.path("Layers").forEach(l -> layers.add(l.asText()));
        JsonNode raw = new ObjectMapper().readTree(skopeo("inspect", "--raw", "it/copy:v1"));
        assertThat(raw.path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(raw.path("config").path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_CONFIG);
        raw.path("layers").forEach(l -> assertThat(l.path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_LAYER_GZIP));
        assertThat(Digest.sha256(skopeo("inspect", "--config", "--raw", "it/copy:v1"))).isEqualTo(source.config().digest());
        assertThat(layers).hasSize(3).first().isEqualTo(gz.blob().digest().toString());
        LayerSources sources = new LayerSources(root.resolve("a"));
        assertThat(layers.get(1)).isEqualTo(sources.sources(zst.diffId()).getFirst().digest());
        assertThat(layers.get(2)).isEqualTo(sources.sources(plain.diffId()).getFirst().digest());

        DefaultImageService other = new DefaultImageService(root.resolve("b"));
        var back = service(other, root.resolve("b")).pull(ref("it/copy:v1"), Optional.empty(), RegistryCredentials.ANONYMOUS,
                Progress.Listener.NONE);
        assertThat(back.image().id()).isEqualTo(source.config().digest());
        assertThat(back.image().diffIds()).containsExactly(gz.diffId(), zst.diffId(), plain.diffId());
    }

    private static JsonNode skopeoInspect(String repoAndTag) throws Exception {
        return new ObjectMapper().readTree(skopeo("inspect", repoAndTag));
    }

    /** Runs {@code skopeo VERB [FLAGS…] docker://HOST/REPO:TAG} against the test registry; its stdout. */
    private static byte[] skopeo(String... verbFlagsThenImage) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("skopeo", verbFlagsThenImage[0], "--tls-verify=false"));
        cmd.addAll(List.of(verbFlagsThenImage).subList(1, verbFlagsThenImage.length - 1));
        cmd.add("docker://" + registry.host() + "/" + verbFlagsThenImage[verbFlagsThenImage.length - 1]);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
        return out;
    }

    private static long logLines(String containing) throws Exception {
        try (var lines = Files.lines(registry.log())) {
            return lines.filter(l -> l.contains(containing)).count();
        }
    }

    private static void awaitLogLines(String containing, long atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (logLines(containing) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("registry log has " + logLines(containing) + " lines with " + containing
                        + ", expected " + atLeast);
            }
            Thread.sleep(20);
        }
    }

    private static String randomText(long length) {
        SecureRandom random = new SecureRandom();
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder s = new StringBuilder((int) length);
        for (long i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}

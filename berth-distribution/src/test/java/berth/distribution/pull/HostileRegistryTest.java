package berth.distribution.pull;

import static berth.distribution.pull.TestImages.entries;
import static berth.distribution.pull.TestImages.gzipLayer;
import static berth.distribution.pull.TestImages.plainLayer;
import static berth.distribution.pull.TestImages.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.distribution.DistributionService;
import berth.distribution.MediaTypes;
import berth.distribution.Platform;
import berth.distribution.RegistryHosts;
import berth.distribution.pull.TestImages.Blob;
import berth.distribution.pull.TestImages.Image;
import berth.distribution.pull.TestImages.Layer;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.image.DefaultImageService;
import berth.image.ImageFilter;
import berth.image.Progress;
import berth.image.RegistryCredentials;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry that lies, floods, breaks connections or asks for tokens: the pull refuses, resumes, or authenticates. */
class HostileRegistryTest {
    @TempDir
    Path dataRoot;
    FakeRegistry registry;
    DefaultImageService images;
    DistributionService service;
    Set<String> treeBefore;

    @BeforeEach
    void open() throws IOException {
        registry = new FakeRegistry();
        images = new DefaultImageService(dataRoot);
        service = new DistributionService(images, RegistryHosts.defaults(), Platform.LINUX_AMD64, dataRoot);
        treeBefore = tree();
    }

    @AfterEach
    void close() {
        service.close();
        registry.close();
    }

    private String ref(String repoAndTag) {
        return registry.host() + "/" + repoAndTag;
    }

    private BerthException pullFails(String reference) {
        try {
            service.pull(ref(reference), Optional.empty(), RegistryCredentials.ANONYMOUS, Progress.Listener.NONE);
        } catch (BerthException e) {
            return e;
        }
        throw new AssertionError("the pull of " + reference + " succeeded");
    }

    /** Every path under the data root, so a test can see that a failed pull left nothing (no blob, layer, tmp dir). */
    private Set<String> tree() throws IOException {
        try (Stream<Path> walk = Files.walk(dataRoot)) {
            return walk.map(p -> dataRoot.relativize(p).toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    private void assertNothingStored() throws IOException {
        assertThat(images.list(ImageFilter.none())).isEmpty();
        assertThat(tree()).isEqualTo(treeBefore);
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** An image with one big incompressible layer (so a download spans many reads) and a small one. */
    private static Image bigImage() {
        Layer big = gzipLayer(tar(entries("data/big", new String(random(600_000, 1), StandardCharsets.ISO_8859_1))));
        Layer small = plainLayer(tar(entries("small", "s")));
        return TestImages.image("amd64", List.of(big, small));
    }

    @Test
    void pull_refusesABlobWithTheWrongDigest_andStoresNothing() throws IOException {
        Image image = bigImage();
        registry.serve("evil/img", "v1", image);
        Blob layer = image.layers().getFirst().blob();
        byte[] tampered = layer.data().clone();
        tampered[tampered.length / 2] ^= 1;
        registry.on("/v2/evil/img/blobs/" + layer.digest(), ex -> FakeRegistry.send(ex, 200, "application/octet-stream", tampered));

        BerthException e = pullFails("evil/img:v1");

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(e.getMessage()).contains("filesystem layer verification failed for digest " + layer.digest());
        assertNothingStored();
    }

    @Test
    void pull_refusesATamperedManifest() throws IOException {
        Image image = bigImage();
        registry.serve("evil/img", "v1", image);
        Blob lie = new Blob(MediaTypes.OCI_MANIFEST, (new String(image.manifest().data(), StandardCharsets.UTF_8) + " ").getBytes());
        // served under the digest of the real manifest
        registry.on("/v2/evil/img/manifests/" + image.manifest().digest(), ex -> FakeRegistry.send(ex, 200, MediaTypes.OCI_MANIFEST, lie.data()));

        BerthException e = pullFails("evil/img@" + image.manifest().digest());

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(e.getMessage()).contains("refusing it");
        assertNothingStored();
    }

    @Test
    void pull_refusesAnOversizedManifest_evenWithoutAContentLength() throws IOException {
        byte[] huge = new byte[5 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        registry.on("/v2/evil/huge/manifests/v1", ex -> {
            ex.getResponseHeaders().set("Content-Type", MediaTypes.OCI_MANIFEST);
            ex.sendResponseHeaders(200, 0); // chunked: the size shows only while reading
            try (OutputStream out = ex.getResponseBody()) {
                out.write(huge);
            } catch (IOException ignored) {
                // the client stopped reading
            }
        });

        BerthException e = pullFails("evil/huge:v1");

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(e.getMessage()).contains("exceeds the limit of 4194304 bytes");
        assertNothingStored();
    }

    @Test
    void pull_refusesAnEndlessBlobAtItsDeclaredSize() throws IOException {
        Image image = bigImage();
        registry.serve("evil/img", "v1", image);
        Blob layer = image.layers().getFirst().blob();
        AtomicInteger sent = new AtomicInteger();
        registry.on("/v2/evil/img/blobs/" + layer.digest(), ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(layer.data());
                byte[] more = new byte[64 * 1024];
                while (true) {
                    out.write(more);
                    sent.addAndGet(more.length);
                }
            } catch (IOException stopped) {
                // the client hung up, as it should
            }
        });

        BerthException e = pullFails("evil/img:v1");

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(e.getMessage()).contains("longer than its declared size of " + layer.data().length);
        assertNothingStored();
    }

    @Test
    void pull_resumesWithARangeRequestAfterTheConnectionBreaks() throws IOException {
        Image image = bigImage();
        registry.serve("flaky/img", "v1", image);
        Blob layer = image.layers().getFirst().blob();
        int cut = layer.data().length / 3;
        AtomicInteger calls = new AtomicInteger();
        registry.on("/v2/flaky/img/blobs/" + layer.digest(), ex -> {
            if (calls.getAndIncrement() == 0) {
                cutAfter(ex, layer.data(), cut);
                return;
            }
            serveRange(ex, layer.data(), true);
        });

        Events events = new Events();
        var c = service.pull(ref("flaky/img:v1"), Optional.empty(), RegistryCredentials.ANONYMOUS, events);

        assertThat(c.image().id()).isEqualTo(image.config().digest());
        List<String> ranges = registry.requests().stream().filter(r -> r.path().endsWith(layer.digest().toString()))
                .map(FakeRegistry.Request::range).toList();
        assertThat(ranges).hasSize(2);
        assertThat(ranges.getFirst()).isNull();
        // resumed from the byte it had: at most what the server sent before the cut (a reset may lose the last ones)
        assertThat(ranges.get(1)).matches("bytes=[0-9]+-");
        long resumedAt = Long.parseLong(ranges.get(1).substring(6, ranges.get(1).length() - 1));
        assertThat(resumedAt).isBetween(1L, (long) cut);
        assertThat(events.count("Pull complete")).isEqualTo(2);
    }

    @Test
    void pull_resumesFromAServerThatIgnoresRange_bySkippingWhatItHad() throws IOException {
        Image image = bigImage();
        registry.serve("flaky/img", "v1", image);
        Blob layer = image.layers().getFirst().blob();
        AtomicInteger calls = new AtomicInteger();
        registry.on("/v2/flaky/img/blobs/" + layer.digest(), ex -> {
            if (calls.getAndIncrement() == 0) {
                cutAfter(ex, layer.data(), 200_000);
                return;
            }
            serveRange(ex, layer.data(), false);
        });

        var c = service.pull(ref("flaky/img:v1"), Optional.empty(), RegistryCredentials.ANONYMOUS, Progress.Listener.NONE);

        assertThat(c.image().id()).isEqualTo(image.config().digest());
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void pull_givesUpWhenTheConnectionKeepsBreaking_andStoresNothing() throws IOException {
        Image image = bigImage();
        registry.serve("flaky/img", "v1", image);
        Blob layer = image.layers().getFirst().blob();
        registry.on("/v2/flaky/img/blobs/" + layer.digest(), ex -> cutAfter(ex, layer.data(), 0));

        BerthException e = pullFails("flaky/img:v1");

        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertNothingStored();
    }

    @Test
    void pull_followsTheBearerTokenFlow_andFetchesTheTokenOncePerScope() throws IOException {
        Image image = bigImage();
        registry.serve("team/app", "v1", image);
        AtomicInteger fetches = new AtomicInteger();
        String challenge = "Bearer realm=\"http://" + registry.host() + "/token\",service=\"fake-registry\"";
        registry.onPing(ex -> {
            ex.getResponseHeaders().set("WWW-Authenticate", challenge);
            FakeRegistry.send(ex, 401, "application/json", "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"x\"}]}".getBytes());
        });
        registry.on("/token", ex -> {
            fetches.incrementAndGet();
            String query = ex.getRequestURI().getQuery();
            boolean ok = query.contains("service=fake-registry") && query.contains("scope=repository:team/app:pull")
                    && "Basic Ym9iOnB3".equals(ex.getRequestHeaders().getFirst("Authorization"));
            FakeRegistry.send(ex, ok ? 200 : 401, "application/json",
                    (ok ? "{\"token\":\"tok-1\",\"expires_in\":300}" : "{}").getBytes());
        });
        registry.gate(ex -> {
            if (ex.getRequestURI().getPath().equals("/token") || "Bearer tok-1".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                return false;
            }
            ex.getResponseHeaders().set("WWW-Authenticate", challenge + ",scope=\"repository:team/app:pull\"");
            FakeRegistry.send(ex, 401, "application/json", "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"token\"}]}".getBytes());
            return true;
        });
        RegistryCredentials bob = new RegistryCredentials("bob", "pw", "", "", "");

        var c = service.pull(ref("team/app:v1"), Optional.empty(), bob, Progress.Listener.NONE);

        assertThat(c.image().id()).isEqualTo(image.config().digest());
        assertThat(fetches.get()).isEqualTo(1);
        // manifest, config and two layers, all with the token and none refused
        assertThat(registry.requests()).filteredOn(r -> r.path().startsWith("/v2/team/"))
                .hasSize(4).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer tok-1"));

        // a wrong password: the token service refuses, and so does the pull
        assertThatThrownBy(() -> service.pull(ref("team/app:v1"), Optional.empty(),
                new RegistryCredentials("bob", "nope", "", "", ""), Progress.Listener.NONE))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED));
    }

    @Test
    void pull_refusesALayerThatClimbsOutOfItsRoot() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry("../../escaped-by-berth-test", true);
            byte[] content = "gotcha".getBytes();
            entry.setSize(content.length);
            out.putArchiveEntry(entry);
            out.write(content);
            out.closeArchiveEntry();
        }
        Image image = TestImages.image("amd64", List.of(gzipLayer(bytes.toByteArray())));
        registry.serve("evil/escape", "v1", image);

        BerthException e = pullFails("evil/escape:v1");

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(dataRoot.getParent().resolve("escaped-by-berth-test")).doesNotExist();
        assertThat(dataRoot.resolve("escaped-by-berth-test")).doesNotExist();
        assertNothingStored();
    }

    @Test
    void pull_refusesSchema1AndForeignLayers() throws IOException {
        byte[] schema1 = "{\"schemaVersion\":1,\"name\":\"x\",\"tag\":\"v1\",\"fsLayers\":[]}".getBytes();
        registry.on("/v2/old/img/manifests/v1", ex -> FakeRegistry.send(ex, 200, MediaTypes.DOCKER_SCHEMA1_SIGNED_MANIFEST, schema1));
        assertThat(pullFails("old/img:v1").getMessage()).contains("schema 1 is no longer supported");

        Layer foreign = new Layer(tar(entries("f", "f")), new Blob(MediaTypes.DOCKER_FOREIGN_LAYER_GZIP, new byte[] {1}));
        registry.serve("win/img", "v1", TestImages.image("amd64", List.of(foreign)));
        assertThat(pullFails("win/img:v1").getMessage()).contains("foreign (non-distributable) layer");
        assertNothingStored();
    }

    /** Declares the whole blob, sends {@code cut} bytes, then drops the connection. */
    private static void cutAfter(HttpExchange ex, byte[] data, int cut) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(200, data.length);
        OutputStream out = ex.getResponseBody();
        out.write(data, 0, cut);
        out.flush();
        // closing the exchange with bytes missing makes the server drop the connection
    }

    private static void serveRange(HttpExchange ex, byte[] data, boolean honour) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        if (honour && range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            int from = Integer.parseInt(range.substring(6, range.length() - 1));
            ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (data.length - 1) + "/" + data.length);
            ex.sendResponseHeaders(206, data.length - from);
            ex.getResponseBody().write(data, from, data.length - from);
            return;
        }
        ex.sendResponseHeaders(200, data.length);
        ex.getResponseBody().write(data);
    }
}

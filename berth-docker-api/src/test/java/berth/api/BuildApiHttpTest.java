package berth.api;

import static org.assertj.core.api.Assertions.assertThat;

import berth.api.fake.FakeBuilderService;
import berth.api.fake.FakeContainerService;
import berth.api.fake.FakeImageService;
import berth.build.BuildCachePruneOptions;
import berth.build.BuildCachePruneReport;
import berth.build.BuildRequest;
import berth.build.BuildResult;
import berth.content.Digest;
import berth.errors.BerthException;
import berth.events.EventLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /build} and {@code /build/prune} over raw HTTP against a fake builder: the query, the stream's bytes, errors. */
class BuildApiHttpTest {
    Path dir;
    Path socket;
    FakeBuilderService builder;
    DockerApiServer server;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createTempDirectory("berth-api-build");
        socket = dir.resolve("api.sock");
        FakeImageService images = new FakeImageService();
        FakeContainerService containers = new FakeContainerService(images);
        builder = new FakeBuilderService();
        server = new DockerApiServer(new ApiContext(images, containers, TestInfo.info(dir, images, containers),
                new EventLog(), null, null, null, builder));
        server.start(socket);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // ---- the query ----

    @Test
    void build_readsEveryOptionOfDockersQuery() throws IOException {
        String auth = Base64.getUrlEncoder().encodeToString(("{\"https://index.docker.io/v1/\":{\"username\":\"u\",\"password\":\"p\"},"
                + "\"localhost:5000\":{\"auth\":\"" + Base64.getEncoder().encodeToString("me:pw".getBytes(StandardCharsets.UTF_8)) + "\"}}")
                .getBytes(StandardCharsets.UTF_8));
        String target = "/v1.41/build" + query("t", "a:v1", "t", "reg.example:5000/b", "dockerfile", "sub/Dockerfile.x",
                "buildargs", "{\"A\":\"1\",\"NOVAL\":null}", "labels", "{\"l\":\"x\",\"empty\":null}", "target", "s1",
                "networkmode", "host", "nocache", "1", "pull", "True", "squash", "true", "cachefrom", "[\"c:1\",\"d\"]",
                "forcerm", "1", "rm", "0", "platform", "linux/amd64", "extrahosts", "h1:10.0.0.1", "extrahosts", "h2:10.0.0.2",
                "version", "1", "memory", "1000000", "cpushares", "2", "shmsize", "65536", "ulimits", "[]", "q", "0");
        Response r = post(target, Map.of("X-Registry-Config", auth), "ctx".getBytes(StandardCharsets.UTF_8));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        BuildRequest req = builder.requests.getFirst();
        assertThat(req.tags()).containsExactly("a:v1", "reg.example:5000/b");
        assertThat(req.dockerfile()).isEqualTo("sub/Dockerfile.x");
        assertThat(req.buildArgs()).containsEntry("A", "1").containsEntry("NOVAL", null).hasSize(2);
        assertThat(req.labels()).isEqualTo(Map.of("l", "x", "empty", ""));
        assertThat(req.target()).contains("s1");
        assertThat(req.networkMode()).isEqualTo("host");
        assertThat(req.noCache()).isTrue();
        assertThat(req.pull()).isTrue();
        assertThat(req.squash()).isTrue();
        assertThat(req.cacheFrom()).containsExactly("c:1", "d");
        assertThat(req.forceRemove()).isTrue();
        assertThat(req.removeIntermediate()).as("forcerm implies rm").isTrue();
        assertThat(req.platform()).contains("linux/amd64");
        assertThat(req.extraHosts()).containsExactly("h1:10.0.0.1", "h2:10.0.0.2");
        assertThat(req.registryAuth()).containsOnlyKeys("docker.io", "localhost:5000");
        assertThat(req.registryAuth().get("docker.io").username()).isEqualTo("u");
        assertThat(req.registryAuth().get("localhost:5000").password()).isEqualTo("pw");
        assertThat(builder.lastContext).isEqualTo("ctx".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void build_withNothingSet_takesDockersDefaults() throws IOException {
        Response r = post("/v1.41/build", Map.of("X-Registry-Config", "e30="), new byte[0]);

        assertThat(r.status()).isEqualTo(200);
        BuildRequest req = builder.requests.getFirst();
        assertThat(req).isEqualTo(BuildRequest.withTags(List.of()));
        assertThat(req.removeIntermediate()).isTrue();
        assertThat(req.networkMode()).isEqualTo("default");
    }

    @Test
    void build_rm0_keepsIntermediateContainers_andBridgeIsTheDefaultNetwork() throws IOException {
        post("/build" + query("rm", "0", "networkmode", "bridge"), Map.of(), new byte[0]);

        assertThat(builder.requests.getFirst().removeIntermediate()).isFalse();
        assertThat(builder.requests.getFirst().networkMode()).isEqualTo("default");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "buildargs|{\"A\":|400|error reading build args",
        "buildargs|{\"A\":1}|400|error reading build args",
        "buildargs|[\"A\"]|400|error reading build args",
        "labels|{bad json}|400|error reading labels",
        "labels|{\"a\":\"b\"} trailing|400|error reading labels",
        "cachefrom|{\"a\":1}|400|error reading cache-from",
        "cachefrom|[1]|400|error reading cache-from",
        "ulimits|[{|400|error reading ulimit settings",
        "shmsize|big|400|invalid shmsize",
        "securityopt|seccomp=unconfined|400|does not support setting security options on build",
        "isolation|hyperv|400|Unsupported isolation: \\\"hyperv\\\"",
        "version|2|501|buildkit is not enabled on daemon",
        "version|3|400|invalid version 3",
        "remote|https://example.com/ctx.tar|501|remote build contexts are not implemented",
        "networkmode|container:abc|501|container:abc\\\" is not supported for builds in berth",
        "t|Bad:Tag|400|invalid reference format: repository name must be lowercase",
        "t|busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef|400|build tag cannot contain a digest",
    })
    void build_badQuery_isRefusedBeforeTheBuilderRuns(String key, String value, int status, String message) throws IOException {
        Response r = post("/v1.41/build" + query(key, value), Map.of(), "some context".getBytes(StandardCharsets.UTF_8));

        assertThat(r.status()).isEqualTo(status);
        assertThat(r.head()).contains("application/json");
        assertThat(r.text()).startsWith("{\"message\":").contains(message);
        assertThat(builder.requests).isEmpty();
    }

    @Test
    void build_badRegistryConfigHeader_is400() throws IOException {
        Response r = post("/build", Map.of("X-Registry-Config", "%%%"), new byte[0]);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("invalid X-Registry-Config header: not base64");
        assertThat(builder.requests).isEmpty();
    }

    // ---- the stream ----

    @Test
    void build_streamsDockersLines_eachEndedByCrLf() throws IOException {
        Response r = post("/v1.41/build" + query("t", "x:1"), Map.of(), "abc".getBytes(StandardCharsets.UTF_8));

        Digest id = Digest.sha256("abc".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.head().toLowerCase()).contains("content-type: application/json").contains("transfer-encoding: chunked");
        assertThat(r.text()).isEqualTo(
                "{\"stream\":\"Step 1/1 : FROM scratch\\n\"}\r\n"
                + "{\"stream\":\" ---> " + id.shortHex() + "\\n\"}\r\n"
                + "{\"aux\":{\"ID\":\"" + id + "\"}}\r\n"
                + "{\"stream\":\"Successfully built " + id.shortHex() + "\\n\"}\r\n"
                + "{\"stream\":\"Successfully tagged x:1\\n\"}\r\n");
    }

    @Test
    void build_beforeApi130_sendsNoAuxLine() throws IOException {
        Response r = post("/v1.29/build", Map.of(), "abc".getBytes(StandardCharsets.UTF_8));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).contains("Successfully built").doesNotContain("aux");
    }

    @Test
    void build_failingBeforeAnyOutput_isAPlainErrorWithItsStatus() throws IOException {
        builder.script = (req, body, out) -> {
            body.readAllBytes();
            throw BerthException.notFound("pull access denied for nosuch, repository does not exist or may require 'docker login'");
        };
        Response r = post("/build", Map.of(), "ctx".getBytes(StandardCharsets.UTF_8));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.head()).doesNotContainIgnoringCase("transfer-encoding: chunked");
        assertThat(r.text()).isEqualTo("{\"message\":\"pull access denied for nosuch, repository does not exist or may require 'docker login'\"}");
    }

    @Test
    void build_failingAfterOutput_endsTheStreamWithAnErrorLineCarryingTheExitCode() throws IOException {
        String failure = "The command '/bin/sh -c exit 7' returned a non-zero code: 7";
        builder.script = (req, body, out) -> {
            out.stream("Step 1/2 : RUN exit 7\n");
            out.stream(" ---> Running in 0123456789ab\n");
            throw BerthException.invalid(failure);
        };
        Response r = post("/build", Map.of(), new byte[0]);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"stream\":\"Step 1/2 : RUN exit 7\\n\"}\r\n"
                + "{\"stream\":\" ---> Running in 0123456789ab\\n\"}\r\n"
                + "{\"errorDetail\":{\"code\":7,\"message\":\"" + failure + "\"},\"error\":\"" + failure + "\"}\r\n");
    }

    @Test
    void build_otherFailuresAfterOutput_haveNoCode() throws IOException {
        builder.script = (req, body, out) -> {
            out.stream("Step 1/2 : COPY missing /\n");
            throw BerthException.invalid("COPY failed: file not found in build context or excluded by .dockerignore: stat missing: file does not exist");
        };
        Response r = post("/build", Map.of(), new byte[0]);

        assertThat(r.text()).endsWith("{\"errorDetail\":{\"message\":\"COPY failed: file not found in build context or excluded by "
                + ".dockerignore: stat missing: file does not exist\"},\"error\":\"COPY failed: file not found in build context or "
                + "excluded by .dockerignore: stat missing: file does not exist\"}\r\n");
    }

    @Test
    void build_quiet_streamsOnlyTheImageId() throws IOException {
        Response r = post("/v1.41/build" + query("q", "1", "t", "x:1"), Map.of(), "abc".getBytes(StandardCharsets.UTF_8));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"stream\":\"" + Digest.sha256("abc".getBytes(StandardCharsets.UTF_8)) + "\\n\"}\r\n");
    }

    @Test
    void build_quietFailing_showsTheHeldOutputThenTheError() throws IOException {
        builder.script = (req, body, out) -> {
            out.stream("Step 1/1 : RUN false\n");
            throw BerthException.invalid("The command '/bin/sh -c false' returned a non-zero code: 1");
        };
        Response r = post("/build" + query("q", "true"), Map.of(), new byte[0]);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"stream\":\"Step 1/1 : RUN false\\n\"}\r\n"
                + "{\"errorDetail\":{\"code\":1,\"message\":\"The command '/bin/sh -c false' returned a non-zero code: 1\"},"
                + "\"error\":\"The command '/bin/sh -c false' returned a non-zero code: 1\"}\r\n");
    }

    @Test
    void build_quietFailingBeforeAnyOutput_isAPlainError() throws IOException {
        builder.script = (req, body, out) -> {
            throw BerthException.invalid("dockerfile parse error line 1: unknown instruction: FOO");
        };
        Response r = post("/build" + query("q", "1"), Map.of(), new byte[0]);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).isEqualTo("{\"message\":\"dockerfile parse error line 1: unknown instruction: FOO\"}");
    }

    @Test
    void build_readsTheContextWhileItIsStillArriving() throws Exception {
        CountDownLatch firstBytesRead = new CountDownLatch(1);
        AtomicLong total = new AtomicLong();
        builder.script = (req, body, out) -> {
            byte[] buf = new byte[64 << 10];
            int n;
            while ((n = body.read(buf)) >= 0) {
                total.addAndGet(n);
                firstBytesRead.countDown();
            }
            Digest id = Digest.sha256(new byte[0]);
            out.imageId(id);
            return new BuildResult(id, List.of());
        };
        long size = 64L << 20;
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            var os = Channels.newOutputStream(ch);
            os.write(("POST /v1.41/build HTTP/1.1\r\nHost: docker\r\nConnection: close\r\nContent-Type: application/x-tar\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            writeChunk(os, chunk);
            // the rest is sent only once the builder has seen the start: a server that held the body back
            // until it ended would never get here
            assertThat(firstBytesRead.await(60, TimeUnit.SECONDS)).as("the builder reads before the upload ends").isTrue();
            for (long sent = chunk.length; sent < size; sent += chunk.length) {
                writeChunk(os, chunk);
            }
            os.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            os.flush();
            Response r = parse(Channels.newInputStream(ch).readAllBytes());
            assertThat(r.status()).isEqualTo(200);
        }
        assertThat(total.get()).isEqualTo(size);
    }

    @Test
    void build_whoseClientGoesAway_runsToItsEndUnseen() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch clientClosed = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<Throwable> stoppedBy = new AtomicReference<>();
        AtomicLong written = new AtomicLong();
        builder.script = (req, body, out) -> {
            try {
                out.stream("Step 1/1 : RUN make\n");
                started.countDown();
                clientClosed.await();
                // a RUN step's output keeps coming after the client left; the server notices the close
                // within these writes, and a builder must not be failed by it (it would leave its step container)
                for (int i = 0; i < 2000; i++) {
                    out.stream("tick " + i + "\n");
                    written.incrementAndGet();
                    Thread.sleep(1);
                }
                Digest id = Digest.sha256(new byte[0]);
                out.imageId(id);
                out.stream("Successfully built " + id.shortHex() + "\n");
                return new BuildResult(id, List.of());
            } catch (RuntimeException e) {
                stoppedBy.set(e);
                throw e;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                ended.countDown();
            }
        };
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(("POST /build HTTP/1.1\r\nHost: docker\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            ch.read(ByteBuffer.allocate(256));
        }
        clientClosed.countDown();
        assertThat(ended.await(60, TimeUnit.SECONDS)).as("the build ended after the client left").isTrue();
        assertThat(stoppedBy.get()).isNull();
        assertThat(written.get()).isEqualTo(2000);
    }

    // ---- prune ----

    @Test
    void prune_passesAllKeepStorageAndUntil_andAnswersNullWhenNothingWent() throws IOException {
        Instant before = Instant.now();
        Response r = post("/v1.41/build/prune" + query("all", "1", "keep-storage", "1024", "filters", "{\"until\":{\"24h\":true}}"),
                Map.of(), null);
        Instant after = Instant.now();

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"CachesDeleted\":null,\"SpaceReclaimed\":0}");
        BuildCachePruneOptions o = builder.prunes.getFirst();
        assertThat(o.all()).isTrue();
        assertThat(o.keepStorage()).isEqualTo(1024);
        assertThat(o.until()).isPresent();
        assertThat(o.until().get()).isBetween(before.minus(Duration.ofHours(24)), after.minus(Duration.ofHours(24)));
    }

    @Test
    void prune_asTheDockerCliSendsIt_listsWhatWent() throws IOException {
        builder.pruneReport = new BuildCachePruneReport(List.of("abc", "def"), 4096);
        Response r = post("/v1.41/build/prune" + query("keep-storage", "0", "filters", "{}"), Map.of(), null);

        assertThat(r.text()).isEqualTo("{\"CachesDeleted\":[\"abc\",\"def\"],\"SpaceReclaimed\":4096}");
        assertThat(builder.prunes.getFirst()).isEqualTo(new BuildCachePruneOptions(false, 0, Optional.empty()));
    }

    @Test
    void prune_untilAsATimestamp_andUnusedForAsItsOldName() throws IOException {
        post("/build/prune" + query("filters", "{\"until\":[\"2024-01-02T03:04:05Z\"]}"), Map.of(), null);
        post("/build/prune" + query("filters", "{\"unused-for\":[\"1h\"]}"), Map.of(), null);

        assertThat(builder.prunes.get(0).until()).contains(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(builder.prunes.get(1).until()).isPresent();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "filters|{\"type\":[\"regular\"]}|invalid filter 'type'",
        "filters|{\"until\":[\"1h\",\"2h\"]}|filters expect only one value",
        "filters|{\"until\":[\"1h\"],\"unused-for\":[\"2h\"]}|conflicting filters",
        "filters|{\"until\":[\"soon\"]}|invalid timestamp",
        "keep-storage|lots|keep-storage is in bytes and expects an integer, got lots",
    })
    void prune_badQuery_is400(String key, String value, String message) throws IOException {
        Response r = post("/build/prune" + query(key, value), Map.of(), null);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains(message);
        assertThat(builder.prunes).isEmpty();
    }

    // ---- system df ----

    @Test
    void systemDf_showsTheBuildCacheAsDockerd2010WritesIt() throws IOException {
        builder.cache = List.of(new berth.build.BuildCacheRecord("abc", Optional.empty(), "regular", "RUN make", false, true, 42,
                Instant.parse("2024-01-01T00:00:00Z"), Optional.empty(), 1),
                new berth.build.BuildCacheRecord("def", Optional.of("abc"), "regular", "COPY . /", true, false, 7,
                        Instant.parse("2024-01-01T00:00:00.5Z"), Optional.of(Instant.parse("2024-01-02T00:00:00Z")), 3));
        Response r = get("/v1.41/system/df?type=build-cache");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"LayersSize\":0,\"Images\":null,\"Containers\":null,\"Volumes\":null,\"BuildCache\":["
                + "{\"ID\":\"abc\",\"Parent\":\"\",\"Type\":\"regular\",\"Description\":\"RUN make\",\"InUse\":false,\"Shared\":true,"
                + "\"Size\":42,\"CreatedAt\":\"2024-01-01T00:00:00Z\",\"LastUsedAt\":null,\"UsageCount\":1},"
                + "{\"ID\":\"def\",\"Parent\":\"abc\",\"Type\":\"regular\",\"Description\":\"COPY . /\",\"InUse\":true,\"Shared\":false,"
                + "\"Size\":7,\"CreatedAt\":\"2024-01-01T00:00:00.5Z\",\"LastUsedAt\":\"2024-01-02T00:00:00Z\",\"UsageCount\":3}],"
                + "\"BuilderSize\":49}");
        assertThat(get("/v1.41/system/df?type=disks").status()).isEqualTo(400);
    }

    Response get(String target) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(("GET " + target + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            try (InputStream in = Channels.newInputStream(ch)) {
                return parse(in.readAllBytes());
            }
        }
    }

    // ---- plumbing ----

    record Response(int status, String head, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static String query(String... kv) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            sb.append(i == 0 ? '?' : '&').append(kv[i]).append('=').append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    /** A POST with a chunked body (as the docker CLI uploads a context), or none when {@code body} is null. */
    Response post(String target, Map<String, String> headers, byte[] body) throws IOException {
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder("POST " + target + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body == null) {
            head.append("Content-Length: 0\r\n\r\n");
            req.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
        } else {
            head.append("Content-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n");
            req.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
            if (body.length > 0) {
                writeChunk(req, body);
            }
            req.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(req.toByteArray()));
            try (InputStream in = Channels.newInputStream(ch)) {
                return parse(in.readAllBytes());
            }
        }
    }

    static void writeChunk(java.io.OutputStream os, byte[] data) throws IOException {
        os.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        os.write(data);
        os.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    static Response parse(byte[] raw) {
        DockerApiServerHttpTest.Response r = DockerApiServerHttpTest.parse(raw);
        return new Response(r.status(), r.head(), r.body());
    }
}

package berth.api;

import static org.assertj.core.api.Assertions.assertThat;

import berth.api.fake.FakeContainerService;
import berth.api.fake.FakeImageService;
import berth.api.fake.FakeRegistryService;
import berth.events.Event;
import berth.events.EventLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pull, push, /auth and /distribution over raw HTTP against a fake registry service. */
class RegistryApiHttpTest {
    Path dir;
    Path socket;
    FakeImageService images;
    FakeRegistryService registries;
    EventLog events;
    List<Event> seen = new ArrayList<>();
    DockerApiServer server;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createTempDirectory("berth-api-registry");
        socket = dir.resolve("api.sock");
        images = new FakeImageService();
        FakeContainerService containers = new FakeContainerService(images);
        images.add("127.0.0.1:5000/team/app:v1", List.of("sh"));
        registries = new FakeRegistryService(images);
        events = new EventLog();
        server = new DockerApiServer(new ApiContext(images, containers, TestInfo.info(dir, images, containers), events,
                null, null, registries));
        server.start(socket);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    DockerApiServerHttpTest.Response exchange(String method, String path, String extraHeaders, String body) throws IOException {
        String req = method + " " + path + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n" + extraHeaders
                + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n") + "\r\n" + (body == null ? "" : body);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(req.getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (ch.read(buf) >= 0) {
                all.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            return DockerApiServerHttpTest.parse(all.toByteArray());
        }
    }

    static String auth(String json) {
        return "X-Registry-Auth: " + Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    List<Event> imageEvents() {
        try (var sub = events.subscribe(Optional.of(java.time.Instant.EPOCH), Optional.of(java.time.Instant.now()),
                new berth.events.EventFilter(java.util.Map.of()))) {
            // until now: the kept events, then the end
            return sub.drain().stream().filter(e -> e.type().equals("image")).toList();
        }
    }

    @Test
    void pull_streamsDockersProgressLines_andPublishesAPullEvent() throws IOException {
        var r = exchange("POST", "/v1.41/images/create?fromImage=127.0.0.1%3A5000%2Fteam%2Fnew&tag=v2", "X-Registry-Auth: e30=\r\n", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text().lines().toList()).containsExactly(
                "{\"status\":\"Pulling from 127.0.0.1:5000/team/new\",\"id\":\"v2\"}",
                "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"0123456789ab\"}",
                "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":1000,\"total\":2000},\"progress\":\"["
                        + "=".repeat(25) + ">" + " ".repeat(25) + "]      1kB/2kB\",\"id\":\"0123456789ab\"}",
                "{\"status\":\"Download complete\",\"progressDetail\":{},\"id\":\"0123456789ab\"}",
                "{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"0123456789ab\"}",
                "{\"status\":\"Digest: " + berth.content.Digest.sha256("127.0.0.1:5000/team/new:v2".getBytes(StandardCharsets.UTF_8)) + "\"}",
                "{\"status\":\"Status: Downloaded newer image for 127.0.0.1:5000/team/new:v2\"}");
        assertThat(registries.pulled).containsExactly("127.0.0.1:5000/team/new:v2");
        assertThat(registries.credentials.getLast().isAnonymous()).isTrue();
        assertThat(imageEvents()).extracting(Event::action, Event::actorId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pull", "127.0.0.1:5000/team/new:v2"));
    }

    @Test
    void pull_passesPlatformAndCredentials() throws IOException {
        var r = exchange("POST", "/images/create?fromImage=busybox&tag=latest&platform=linux%2Farm64",
                auth("{\"username\":\"me\",\"password\":\"secret\",\"serveraddress\":\"https://index.docker.io/v1/\"}"), null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(registries.pulled).containsExactly("busybox:latest");
        assertThat(registries.platforms).containsExactly(Optional.of("linux/arm64"));
        assertThat(registries.credentials.getLast().username()).isEqualTo("me");
    }

    @Test
    void pull_withoutATag_pullsEveryTag_asPullDashA() throws Exception {
        var r = exchange("POST", "/images/create?fromImage=busybox", "", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(registries.pulled).containsExactly("busybox:v1", "busybox:v2");
        assertThat(r.text()).contains("Status: Downloaded newer image for busybox:v1", "Status: Downloaded newer image for busybox:v2");
    }

    @Test
    void pull_failingBeforeAnyProgress_isAPlainErrorWithItsStatus() throws IOException {
        var r = exchange("POST", "/v1.41/images/create?fromImage=missing&tag=v1", "X-Registry-Auth: e30=\r\n", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text()).isEqualTo("{\"message\":\"manifest for missing:v1 not found: manifest unknown: manifest unknown\"}");
        var denied = exchange("POST", "/v1.41/images/create?fromImage=private&tag=v1", "", null);
        assertThat(denied.status()).isEqualTo(401);
        assertThat(imageEvents()).isEmpty();
    }

    @Test
    void pull_failingAfterProgress_endsTheStreamWithAnErrorLine() throws IOException {
        var r = exchange("POST", "/v1.41/images/create?fromImage=broken&tag=v1", "", null);
        assertThat(r.status()).isEqualTo(200);
        var last = berth.api.http.Json.MAPPER.readTree(r.text().lines().toList().getLast());
        assertThat(last.path("error").asText()).isEqualTo("digest mismatch for layer sha256:0123456789ab");
        assertThat(last.path("errorDetail").path("message").asText()).isEqualTo("digest mismatch for layer sha256:0123456789ab");
        assertThat(imageEvents()).isEmpty();
    }

    @Test
    void pull_malformedAuthHeader_is400() throws IOException {
        var r = exchange("POST", "/v1.41/images/create?fromImage=busybox&tag=v1", "X-Registry-Auth: %%%\r\n", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("X-Registry-Auth");
        assertThat(registries.pulled).isEmpty();
    }

    @Test
    void import_stillWorksBesidePull() throws IOException {
        var r = exchange("POST", "/v1.41/images/create?fromSrc=-&repo=mine%3Av1", "", "rootfs bytes");
        assertThat(r.status()).isEqualTo(200);
        assertThat(registries.pulled).isEmpty();
    }

    @Test
    void push_streamsProgressThenAux_andPublishesAPushEvent() throws IOException {
        var r = exchange("POST", "/v1.41/images/127.0.0.1:5000/team/app/push?tag=v1", "X-Registry-Auth: e30=\r\n", null);
        assertThat(r.status()).isEqualTo(200);
        List<String> lines = r.text().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("{\"status\":\"The push refers to repository [127.0.0.1:5000/team/app]\"}");
        assertThat(lines.get(1)).isEqualTo("{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"0123456789ab\"}");
        assertThat(lines.getLast()).startsWith("{\"progressDetail\":{},\"aux\":{\"Tag\":\"v1\",\"Digest\":\"sha256:")
                .endsWith("\"Size\":527}}");
        assertThat(imageEvents()).extracting(Event::action, Event::actorId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("push", "127.0.0.1:5000/team/app:v1"));
    }

    @Test
    void push_withoutAuthHeaderOrBody_is400() throws IOException {
        var r = exchange("POST", "/v1.41/images/127.0.0.1:5000/team/app/push?tag=v1", "", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("missing X-Registry-Auth");
        var withBody = exchange("POST", "/v1.41/images/127.0.0.1:5000/team/app/push?tag=v1", "", "{\"username\":\"me\"}");
        assertThat(withBody.status()).isEqualTo(200);
        assertThat(registries.credentials.getLast().username()).isEqualTo("me");
    }

    @Test
    void push_unknownLocalImage_is404() throws IOException {
        var r = exchange("POST", "/v1.41/images/nothere/push?tag=v1", "X-Registry-Auth: e30=\r\n", null);
        assertThat(r.status()).isEqualTo(404);
    }

    @Test
    void auth_acceptedAndRefused() throws IOException {
        var ok = exchange("POST", "/v1.41/auth", "", "{\"username\":\"me\",\"password\":\"secret\",\"serveraddress\":\"127.0.0.1:5000\"}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.text()).isEqualTo("{\"Status\":\"Login Succeeded\",\"IdentityToken\":\"\"}");
        var refused = exchange("POST", "/v1.41/auth", "", "{\"username\":\"me\",\"password\":\"wrong\",\"serveraddress\":\"127.0.0.1:5000\"}");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text()).isEqualTo("{\"message\":\"login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized\"}");
    }

    @Test
    void distribution_describesTheRemoteManifest() throws IOException {
        var r = exchange("GET", "/v1.41/distribution/127.0.0.1:5000/team/app:v1/json", "X-Registry-Auth: e30=\r\n", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).startsWith("{\"Descriptor\":{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"digest\":\"sha256:")
                .endsWith("\"Platforms\":[{\"architecture\":\"amd64\",\"os\":\"linux\"},{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}]}");
        assertThat(exchange("GET", "/v1.41/distribution/missing/json", "", null).status()).isEqualTo(404);
    }
}

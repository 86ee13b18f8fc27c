package berth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DaemonClientTest {
    private static final String PING_141 = "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nOstype: linux\r\nContent-Length: 0\r\n\r\n";

    private CannedServer server;

    @BeforeEach
    void start() throws IOException {
        server = new CannedServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void negotiation_usesDaemonVersionWhenOlderThanClient() {
        server.reply(PING_141).reply("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        DaemonClient client = new DaemonClient(server.address());

        client.getJson("/version", Query.of());

        assertThat(server.requests.get(0).requestLine()).isEqualTo("HEAD /_ping HTTP/1.1");
        assertThat(server.requests.get(1).requestLine()).isEqualTo("GET /v1.41/version HTTP/1.1");
    }

    @Test
    void negotiation_capsAtClientMaximum_andFallsBackTo124WithoutHeader() {
        server.reply("HTTP/1.1 200 OK\r\nApi-Version: 1.55\r\nContent-Length: 0\r\n\r\n");
        assertThat(new DaemonClient(server.address()).apiVersion()).hasToString("1.50");

        server.reply("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertThat(new DaemonClient(server.address()).apiVersion()).hasToString("1.24");
    }

    @Test
    void negotiation_fallsBackToGetWhenHeadIsRefused() {
        server.reply("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                .reply("HTTP/1.1 200 OK\r\nApi-Version: 1.45\r\nContent-Length: 2\r\n\r\nOK");

        assertThat(new DaemonClient(server.address()).apiVersion()).hasToString("1.45");
        assertThat(server.requests.get(1).requestLine()).isEqualTo("GET /_ping HTTP/1.1");
    }

    @Test
    void chunkedResponse_isDecodedAcrossChunksWithExtensions() {
        server.reply(PING_141).reply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n{\"a\":\r\n3;ext=1\r\n12}\r\n0\r\n\r\n");

        JsonNode n = new DaemonClient(server.address()).getJson("/x", Query.of());

        assertThat(n.path("a").asInt()).isEqualTo(12);
    }

    @Test
    void readToCloseResponse_endsWhenDaemonCloses() {
        server.reply(PING_141).reply("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\nall of it");

        HttpResponse r = new DaemonClient(server.address()).call("GET", "/x", Query.of(), RequestBody.NONE);

        assertThat(r.readString()).isEqualTo("all of it");
    }

    @Test
    void truncatedChunkedResponse_isAnError() {
        server.reply(PING_141).reply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nA\r\nabc");

        HttpResponse r = new DaemonClient(server.address()).call("GET", "/x", Query.of(), RequestBody.NONE);

        assertThatThrownBy(r::readAllBytes).hasMessageContaining("closed in the middle of a chunk");
    }

    @Test
    void errorStatus_becomesTypedExceptionWithDaemonMessage() {
        server.reply(PING_141).reply("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 35\r\n\r\n"
                + "{\"message\":\"No such image: nope:1\"}");

        assertThatThrownBy(() -> new DaemonClient(server.address()).postJson("/containers/create", Query.of(), Json.object()))
                .isInstanceOfSatisfying(DaemonErrorException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.daemonMessage()).isEqualTo("No such image: nope:1");
                    assertThat(e.getMessage()).isEqualTo("Error response from daemon: No such image: nope:1");
                });
    }

    @Test
    void jsonBody_isSentWithContentLength_andQueryIsEncoded() {
        server.reply(PING_141).reply("HTTP/1.1 201 Created\r\nContent-Length: 10\r\n\r\n{\"Id\":\"a\"}");
        var body = Json.object().put("Image", "busybox");

        JsonNode n = new DaemonClient(server.address()).postJson("/containers/create", Query.of().add("name", "a b/c"), body);

        assertThat(n.path("Id").asText()).isEqualTo("a");
        CannedServer.Request req = server.requests.get(1);
        assertThat(req.requestLine()).isEqualTo("POST /v1.41/containers/create?name=a+b%2Fc HTTP/1.1");
        assertThat(req.head()).contains("Content-Type: application/json\r\n");
        assertThat(req.bodyText()).isEqualTo("{\"Image\":\"busybox\"}");
    }

    @Test
    void streamedBody_isSentChunked() {
        server.reply(PING_141).reply("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        byte[] payload = new byte[100_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }

        new DaemonClient(server.address()).call("POST", "/images/load", Query.of(),
                new RequestBody.Streamed("application/x-tar", out -> {
                    out.write(payload, 0, 40_000);
                    out.write(payload, 40_000, 60_000);
                })).close();

        CannedServer.Request req = server.requests.get(1);
        assertThat(req.head()).contains("Transfer-Encoding: chunked\r\n").contains("Content-Type: application/x-tar\r\n");
        assertThat(req.body()).isEqualTo(payload);
    }

    @Test
    void errorBodyThatOnlyLooksLikeJson_isShownAsItIs() {
        server.reply(PING_141).reply("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 11\r\n\r\n{not json}\n");

        assertThatThrownBy(() -> new DaemonClient(server.address()).getJson("/info", Query.of()))
                .isInstanceOfSatisfying(DaemonErrorException.class, e -> assertThat(e.daemonMessage()).isEqualTo("{not json}"));
    }

    @Test
    void jsonMessageReader_returnsEachMessageAndFindsInStreamErrors() throws IOException {
        server.reply(PING_141).reply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "14\r\n{\"status\":\"Loading\"}\r\n"
                + "2E\r\n\n{\"errorDetail\":{\"message\":\"bad\"},\"error\":\"x\"}\r\n0\r\n\r\n");

        HttpResponse r = new DaemonClient(server.address()).call("POST", "/images/load", Query.of(), RequestBody.NONE);
        try (JsonMessageReader reader = new JsonMessageReader(r.body())) {
            JsonNode first = reader.next();
            JsonNode second = reader.next();
            assertThat(first.path("status").asText()).isEqualTo("Loading");
            assertThat(JsonMessageReader.errorOf(first)).isNull();
            assertThat(JsonMessageReader.errorOf(second)).isEqualTo("bad");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void hijack_carriesBytesBothWays_andHalfCloseLetsOutputContinue() throws IOException {
        server.reply(PING_141).then((req, in, out) -> {
            out.write("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] stdin = in.readAllBytes(); // ends only when the client half-closes
            out.write(frame(1, "got " + new String(stdin, StandardCharsets.UTF_8)));
            out.write(frame(2, "and bye"));
            out.flush();
        });

        try (HijackedStream s = new DaemonClient(server.address()).hijack("/containers/c/attach",
                Query.of().flag("stdin", true), RequestBody.NONE)) {
            s.output().write("hello".getBytes(StandardCharsets.UTF_8));
            s.closeWrite();
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            new MultiplexedStreamReader(s.input()).copyTo(stdout, stderr);

            assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("got hello");
            assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("and bye");
        }
        String head = server.requests.get(1).head();
        assertThat(head).startsWith("POST /v1.41/containers/c/attach?stdin=1 HTTP/1.1\r\n")
                .contains("Connection: Upgrade\r\n").contains("Upgrade: tcp\r\n");
    }

    @Test
    void hijack_refusedWithErrorStatus_throwsDaemonMessage() {
        server.reply(PING_141).reply("HTTP/1.1 409 Conflict\r\nContent-Length: 33\r\n\r\n{\"message\":\"container is paused\"}");

        assertThatThrownBy(() -> new DaemonClient(server.address()).hijack("/containers/c/attach", Query.of(), RequestBody.NONE))
                .isInstanceOf(DaemonErrorException.class).hasMessageContaining("container is paused");
    }

    @Test
    void missingSocket_isReportedAsUnreachableDaemon() {
        DaemonClient client = new DaemonClient(new DaemonAddress(Path.of("/nonexistent/berth.sock")));

        assertThatThrownBy(client::ping).isInstanceOf(DaemonUnreachableException.class)
                .hasMessageContaining("unix:///nonexistent/berth.sock").hasMessageContaining("Is the berth daemon running?");
    }

    static byte[] frame(int stream, String text) {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        byte[] f = new byte[8 + p.length];
        f[0] = (byte) stream;
        f[4] = (byte) (p.length >>> 24);
        f[5] = (byte) (p.length >>> 16);
        f[6] = (byte) (p.length >>> 8);
        f[7] = (byte) p.length;
        System.arraycopy(p, 0, f, 8, p.length);
        return f;
    }
}

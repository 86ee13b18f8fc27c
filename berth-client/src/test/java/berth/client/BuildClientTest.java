package berth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /build} as the client sends it: the context chunked, X-Registry-Config, the stream handed back. */
class BuildClientTest {
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
    void build_uploadsTheContextChunked_withTheRegistryConfig_andReturnsTheStream() throws IOException {
        String stream = "{\"stream\":\"Step 1/1 : FROM scratch\\n\"}\r\n";
        server.reply(PING_141).reply("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(stream.length()) + "\r\n" + stream + "\r\n0\r\n\r\n");

        HttpResponse r = new DaemonClient(server.address()).build(Query.of().add("t", "x:1").add("version", "1"), "e30=",
                new RequestBody.Streamed("application/x-tar", out -> out.write("tar bytes".getBytes(StandardCharsets.UTF_8))));

        assertThat(r.readString()).isEqualTo(stream);
        CannedServer.Request req = server.requests.get(1);
        assertThat(req.requestLine()).isEqualTo("POST /v1.41/build?t=x%3A1&version=1 HTTP/1.1");
        assertThat(req.head()).contains("X-Registry-Config: e30=\r\n").contains("Transfer-Encoding: chunked\r\n")
                .contains("Content-Type: application/x-tar\r\n");
        assertThat(req.bodyText()).isEqualTo("tar bytes");
    }

    @Test
    void build_refusedBeforeTheStream_isADaemonError() {
        server.reply(PING_141).reply("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 77\r\n\r\n"
                + "{\"message\":\"dockerfile parse error line 1: unknown instruction: FOO (extra)\"}");

        assertThatThrownBy(() -> new DaemonClient(server.address()).build(Query.of(), "e30=",
                new RequestBody.Streamed("application/x-tar", out -> { })))
                .isInstanceOfSatisfying(DaemonErrorException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.daemonMessage()).startsWith("dockerfile parse error line 1: unknown instruction: FOO");
                });
    }
}

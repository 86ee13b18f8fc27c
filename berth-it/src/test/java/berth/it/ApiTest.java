package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Engine API's protocol rules, checked with raw requests. */
@ExtendWith(SharedDaemon.class)
class ApiTest {
    private DaemonHarness daemon;

    @BeforeEach
    void setUp(DaemonHarness daemon) {
        this.daemon = daemon;
    }

    @Test
    void ping_carriesDockersHeadersWithAndWithoutVersionPrefix() throws Exception {
        for (String path : new String[] {"/_ping", "/v1.41/_ping", "/v1.45/_ping"}) {
            RawHttp.Response r = RawHttp.send(daemon.socket(), "GET", path, null);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.body()).isEqualTo("OK");
            assertThat(r.headers()).containsKeys("api-version", "server", "ostype");
            assertThat(r.headers().get("ostype")).isEqualTo("linux");
        }
        RawHttp.Response head = RawHttp.send(daemon.socket(), "HEAD", "/_ping", null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void version_reportsTheApiRangeAndRefusesTooNewClients() throws Exception {
        RawHttp.Response v = RawHttp.send(daemon.socket(), "GET", "/version", null);
        assertThat(v.status()).isEqualTo(200);
        assertThat(v.body()).contains("\"MinAPIVersion\"", "\"ApiVersion\"", "\"Os\":\"linux\"");
        RawHttp.Response tooNew = RawHttp.send(daemon.socket(), "GET", "/v9.99/version", null);
        assertThat(tooNew.status()).isEqualTo(400);
        assertThat(tooNew.body()).contains("client version 9.99 is too new");
    }

    @Test
    void errors_areJsonMessagesWithDockersStatusCodes() throws Exception {
        RawHttp.Response unknownRoute = RawHttp.send(daemon.socket(), "GET", "/v1.41/nothing/here", null);
        assertThat(unknownRoute.status()).isEqualTo(404);
        assertThat(unknownRoute.body()).contains("\"message\"");

        RawHttp.Response malformed = RawHttp.send(daemon.socket(), "POST", "/v1.41/containers/create", "{\"Image\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("\"message\"");

        RawHttp.Response noImage = RawHttp.send(daemon.socket(), "POST", "/v1.41/containers/create",
                "{\"Image\":\"no-such:img\",\"Cmd\":[\"true\"]}");
        assertThat(noImage.status()).isEqualTo(404);
        assertThat(noImage.body()).contains("No such image: no-such:img");

        RawHttp.Response noContainer = RawHttp.send(daemon.socket(), "POST", "/v1.41/containers/nope-x/start", null);
        assertThat(noContainer.status()).isEqualTo(404);
        assertThat(noContainer.body()).contains("No such container: nope-x");
    }

    @Test
    void create_ignoresUnknownFieldsAndNulls() throws Exception {
        RawHttp.Response r = RawHttp.send(daemon.socket(), "POST", "/v1.41/containers/create",
                "{\"Image\":\"busybox\",\"Cmd\":[\"true\"],\"Env\":null,\"PortSpecs\":null,\"Shell\":null,"
                        + "\"HostConfig\":{\"Binds\":null,\"AutoRemove\":null},\"SomethingNew\":{\"x\":1}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.body().replaceAll("(?s).*\"Id\"\\s*:\\s*\"([0-9a-f]{64})\".*", "$1");
        assertThat(id).matches("[0-9a-f]{64}");
        RawHttp.Response badSignal = RawHttp.send(daemon.socket(), "POST", "/v1.41/containers/" + id + "/kill?signal=BOGUS", null);
        assertThat(badSignal.status()).isEqualTo(400);
        assertThat(badSignal.body()).contains("Invalid signal: BOGUS");
        assertThat(RawHttp.send(daemon.socket(), "DELETE", "/v1.41/containers/" + id.substring(0, 10), null).status())
                .isEqualTo(204);
    }

    @Test
    void socket_isMode0660() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(daemon.socket())))
                .isEqualTo("rw-rw----");
    }
}

package berth.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import berth.client.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The PORTS column by the docker CLI's rules (the first case is what docker 28 printed against berth's API). */
class PortsTest {
    private static String display(String json) {
        return Ports.display(Json.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void exposedPortsComeFirst_thenMappingsToOtherHostPorts() {
        assertThat(display("[{\"IP\":\"0.0.0.0\",\"PrivatePort\":80,\"PublicPort\":8080,\"Type\":\"tcp\"},"
                + "{\"PrivatePort\":90,\"Type\":\"tcp\"}]")).isEqualTo("90/tcp, 0.0.0.0:8080->80/tcp");
        assertThat(display("[{\"IP\":\"127.0.0.1\",\"PrivatePort\":80,\"PublicPort\":18080,\"Type\":\"tcp\"},"
                + "{\"IP\":\"0.0.0.0\",\"PrivatePort\":9999,\"PublicPort\":32768,\"Type\":\"tcp\"},"
                + "{\"IP\":\"::\",\"PrivatePort\":9999,\"PublicPort\":32768,\"Type\":\"tcp\"}]"))
                .isEqualTo("127.0.0.1:18080->80/tcp, 0.0.0.0:32768->9999/tcp, [::]:32768->9999/tcp");
    }

    @Test
    void consecutivePorts_foldIntoRanges() {
        assertThat(display("[{\"PrivatePort\":7001,\"Type\":\"tcp\"},{\"PrivatePort\":7000,\"Type\":\"tcp\"},"
                + "{\"PrivatePort\":7003,\"Type\":\"tcp\"},{\"PrivatePort\":53,\"Type\":\"udp\"},"
                + "{\"IP\":\"0.0.0.0\",\"PrivatePort\":80,\"PublicPort\":80,\"Type\":\"tcp\"},"
                + "{\"IP\":\"0.0.0.0\",\"PrivatePort\":81,\"PublicPort\":81,\"Type\":\"tcp\"}]"))
                .isEqualTo("7000-7001/tcp, 53/udp, 0.0.0.0:80-81->80-81/tcp, 7003/tcp");
    }
}

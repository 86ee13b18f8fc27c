package berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.client.ClientException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostResolverTest {
    @Test
    void flag_winsOverBothEnvironmentVariables() {
        Map<String, String> env = Map.of("BERTH_HOST", "unix:///b.sock", "DOCKER_HOST", "unix:///d.sock");
        assertThat(HostResolver.resolve("unix:///flag.sock", env).socket()).isEqualTo(Path.of("/flag.sock"));
    }

    @Test
    void berthHost_winsOverDockerHost_whichWinsOverDefault() {
        assertThat(HostResolver.choose(null, Map.of("BERTH_HOST", "unix:///b.sock", "DOCKER_HOST", "unix:///d.sock"))).isEqualTo("unix:///b.sock");
        assertThat(HostResolver.choose(null, Map.of("DOCKER_HOST", "unix:///d.sock"))).isEqualTo("unix:///d.sock");
        assertThat(HostResolver.choose("", Map.of("BERTH_HOST", " "))).isEqualTo("unix:///run/berth/berth.sock");
    }

    @Test
    void tcpDockerHost_isRefusedWithTlsMessage() {
        assertThatThrownBy(() -> HostResolver.resolve(null, Map.of("DOCKER_HOST", "tcp://10.0.0.1:2376")))
                .isInstanceOf(ClientException.class).hasMessageContaining("TLS");
    }
}

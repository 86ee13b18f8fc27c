package berth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DaemonAddressTest {
    @Test
    void parse_acceptsUnixUrlsAndBarePaths() {
        assertThat(DaemonAddress.parse("unix:///run/berth/berth.sock").socket()).isEqualTo(Path.of("/run/berth/berth.sock"));
        assertThat(DaemonAddress.parse("/tmp/d.sock").socket()).isEqualTo(Path.of("/tmp/d.sock"));
        assertThat(DaemonAddress.parse("unix:///x.sock")).hasToString("unix:///x.sock");
    }

    @Test
    void parse_refusesTcpSayingTlsIsNotSupportedYet() {
        assertThatThrownBy(() -> DaemonAddress.parse("tcp://127.0.0.1:2375"))
                .isInstanceOf(ClientException.class).hasMessageContaining("not supported yet").hasMessageContaining("TLS");
    }

    @Test
    void parse_refusesRelativeOrUnknownHosts() {
        assertThatThrownBy(() -> DaemonAddress.parse("unix://relative.sock")).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> DaemonAddress.parse("ssh://host")).hasMessageContaining("expected unix://");
    }
}

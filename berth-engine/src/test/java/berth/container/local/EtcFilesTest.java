package berth.container.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EtcFilesTest {
    @Test
    void resolvConf_dropsLoopbackServersWithoutHostNetwork() {
        String host = "search example.org\nnameserver 127.0.0.53\nnameserver 10.0.0.2\n";
        assertThat(EtcFiles.resolvConf(host, false)).isEqualTo("search example.org\nnameserver 10.0.0.2\n");
        assertThat(EtcFiles.resolvConf(host, true)).isEqualTo(host);
    }

    @Test
    void resolvConf_fallsBackToPublicServersWhenOnlyLoopbackWasThere() {
        assertThat(EtcFiles.resolvConf("nameserver 127.0.0.1\n", false))
                .isEqualTo("nameserver 8.8.8.8\nnameserver 8.8.4.4\n");
    }
}

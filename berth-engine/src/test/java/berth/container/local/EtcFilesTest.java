package berth.container.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

    @Test
    void extraHostsFollowTheDefaultsAsIpTabName() {
        assertThat(EtcFiles.hosts("127.0.0.1\tlocalhost\n", List.of("db:10.0.0.2", "v6:[fe80::1]", "x:::1")))
                .isEqualTo("127.0.0.1\tlocalhost\n10.0.0.2\tdb\nfe80::1\tv6\n::1\tx\n");
    }

    @Test
    void dnsOptionsReplaceOnlyTheirPartOfTheHostsResolvConf() {
        String host = "search corp.example\nnameserver 10.0.0.1\noptions ndots:2\n";
        assertThat(EtcFiles.resolvConf(host, List.of(), List.of(), List.of())).isEqualTo(host);
        assertThat(EtcFiles.resolvConf(host, List.of("1.1.1.1", "9.9.9.9"), List.of(), List.of()))
                .isEqualTo("search corp.example\nnameserver 1.1.1.1\nnameserver 9.9.9.9\noptions ndots:2\n");
        assertThat(EtcFiles.resolvConf(host, List.of(), List.of("a.test", "b.test"), List.of("timeout:1", "rotate")))
                .isEqualTo("search a.test b.test\nnameserver 10.0.0.1\noptions timeout:1 rotate\n");
        assertThat(EtcFiles.resolvConf(host, List.of(), List.of("."), List.of())).doesNotContain("search");
    }
}

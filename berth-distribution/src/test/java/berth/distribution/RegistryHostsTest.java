package berth.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.distribution.RegistryHosts.Endpoint;
import berth.errors.BerthException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryHostsTest {
    static Endpoint endpoint(String uri, boolean mirror, boolean verifyTls) {
        return new Endpoint(URI.create(uri), mirror, verifyTls);
    }

    @Test
    void dockerHub_isServedByRegistry1() {
        assertThat(RegistryHosts.defaults().endpoints("docker.io"))
                .containsExactly(endpoint("https://registry-1.docker.io/", false, true));
        assertThat(RegistryHosts.defaults().endpoints("index.docker.io"))
                .containsExactly(endpoint("https://registry-1.docker.io/", false, true));
    }

    @Test
    void mirrors_comeFirstForDockerHubOnly() {
        RegistryHosts hosts = RegistryHosts.of(List.of("https://mirror.example.com", "http://10.1.2.3:5000/"),
                List.of(), RegistryHosts.NO_DNS);
        assertThat(hosts.endpoints("docker.io")).containsExactly(
                endpoint("https://mirror.example.com/", true, true),
                endpoint("http://10.1.2.3:5000/", true, false),
                endpoint("https://registry-1.docker.io/", false, true));
        assertThat(hosts.endpoints("quay.io")).containsExactly(endpoint("https://quay.io/", false, true));
    }

    @Test
    void insecureMirror_isTriedOnceWithoutCertificateChecks() {
        RegistryHosts hosts = RegistryHosts.of(List.of("https://mirror.lan:5000"), List.of("mirror.lan:5000"), RegistryHosts.NO_DNS);
        assertThat(hosts.endpoints("docker.io")).containsExactly(
                endpoint("https://mirror.lan:5000/", true, false),
                endpoint("https://registry-1.docker.io/", false, true));
    }

    @Test
    void insecureRegistry_byHostPortOrCidr() {
        RegistryHosts hosts = RegistryHosts.of(List.of(), List.of("registry.lan:5000", "10.0.0.0/8", "fd00::/8"),
                RegistryHosts.NO_DNS);
        assertThat(hosts.endpoints("registry.lan:5000")).containsExactly(
                endpoint("https://registry.lan:5000/", false, false),
                endpoint("http://registry.lan:5000/", false, false));
        assertThat(hosts.isInsecure("registry.lan")).isFalse();
        assertThat(hosts.isInsecure("REGISTRY.lan:5000")).isTrue();
        assertThat(hosts.isInsecure("10.200.3.4:443")).isTrue();
        assertThat(hosts.isInsecure("11.0.0.1")).isFalse();
        assertThat(hosts.isInsecure("[fd12::1]:5000")).isTrue();
        assertThat(hosts.isInsecure("[fe80::1]:5000")).isFalse();
    }

    @Test
    void loopback_isAlwaysInsecure() {
        RegistryHosts hosts = RegistryHosts.defaults();
        assertThat(hosts.endpoints("localhost:5000")).containsExactly(
                endpoint("https://localhost:5000/", false, false),
                endpoint("http://localhost:5000/", false, false));
        assertThat(hosts.isInsecure("127.0.0.1:5000")).isTrue();
        assertThat(hosts.isInsecure("127.9.9.9")).isTrue();
        assertThat(hosts.isInsecure("[::1]:5000")).isTrue();
        assertThat(hosts.isInsecure("128.0.0.1")).isFalse();
        assertThat(hosts.isInsecure("example.com")).isFalse();
    }

    @Test
    void hostNames_matchCidrsThroughTheResolver() throws Exception {
        InetAddress inside = InetAddress.ofLiteral("192.168.7.7");
        RegistryHosts hosts = RegistryHosts.of(List.of(), List.of("192.168.0.0/16"),
                host -> host.equals("nas.lan") ? List.of(inside) : List.of());
        assertThat(hosts.isInsecure("nas.lan:5000")).isTrue();
        assertThat(hosts.isInsecure("other.lan")).isFalse();
    }

    @Test
    void cidrPrefixesAreExact() {
        RegistryHosts hosts = RegistryHosts.of(List.of(), List.of("172.16.0.0/12"), RegistryHosts.NO_DNS);
        assertThat(hosts.isInsecure("172.31.255.255")).isTrue();
        assertThat(hosts.isInsecure("172.32.0.0")).isFalse();
        assertThat(hosts.isInsecure("172.15.255.255")).isFalse();
    }

    @Test
    void of_rejectsBadMirrorsAndInsecureEntriesInDockerdsWords() {
        assertThatThrownBy(() -> RegistryHosts.of(List.of("ftp://m.example"), List.of(), RegistryHosts.NO_DNS))
                .isInstanceOf(BerthException.class).hasMessage("invalid mirror: unsupported scheme \"ftp\" in \"ftp://m.example\"");
        assertThatThrownBy(() -> RegistryHosts.of(List.of("https://m.example/v2/"), List.of(), RegistryHosts.NO_DNS))
                .hasMessageContaining("path, query, or fragment");
        assertThatThrownBy(() -> RegistryHosts.of(List.of("https://user:pw@m.example"), List.of(), RegistryHosts.NO_DNS))
                .hasMessageContaining("username/password");
        assertThatThrownBy(() -> RegistryHosts.of(List.of("m.example"), List.of(), RegistryHosts.NO_DNS))
                .hasMessageContaining("unsupported scheme");
        assertThatThrownBy(() -> RegistryHosts.of(List.of(), List.of("http://r.lan"), RegistryHosts.NO_DNS))
                .hasMessage("insecure registry http://r.lan should not contain '://'");
        for (String bad : new String[] {"10.0.0.0/33", "10.0.0/8", "r.lan/x", "bad host", "-r.lan"}) {
            assertThatThrownBy(() -> RegistryHosts.of(List.of(), List.of(bad), RegistryHosts.NO_DNS)).as(bad)
                    .isInstanceOf(BerthException.class).hasMessageContaining("insecure registry");
        }
    }

    @Test
    void endpoints_rejectsHostsThatAreNotHostPort() {
        assertThatThrownBy(() -> RegistryHosts.defaults().endpoints("evil.com/path@x"))
                .isInstanceOf(BerthException.class).hasMessageContaining("invalid registry host");
    }
}

package berth.client.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.client.ClientException;
import org.junit.jupiter.api.Test;

class RemoteReferenceTest {
    @Test
    void dockerHubNames_areNormalised() {
        RemoteReference r = RemoteReference.parse("busybox");
        assertThat(r.toString()).isEqualTo("docker.io/library/busybox");
        assertThat(r.familiarName()).isEqualTo("busybox");
        assertThat(r.serverKey()).isEqualTo(RegistryKeys.INDEX_SERVER);
        assertThat(RemoteReference.parse("me/app:v1").toString()).isEqualTo("docker.io/me/app:v1");
        assertThat(RemoteReference.parse("docker.io/library/busybox:1.36").familiarName()).isEqualTo("busybox");
        assertThat(RemoteReference.parse("index.docker.io/me/app").name()).isEqualTo("docker.io/me/app");
    }

    @Test
    void otherRegistries_keepTheirHostAndPort() {
        RemoteReference r = RemoteReference.parse("127.0.0.1:5000/team/app:v1");
        assertThat(r.domain()).isEqualTo("127.0.0.1:5000");
        assertThat(r.path()).isEqualTo("team/app");
        assertThat(r.tag()).isEqualTo("v1");
        assertThat(r.familiarName()).isEqualTo("127.0.0.1:5000/team/app");
        assertThat(r.serverKey()).isEqualTo("127.0.0.1:5000");
        assertThat(RemoteReference.parse("localhost:5000/app").tag()).isNull();
    }

    @Test
    void digests_areKept() {
        String d = "sha256:" + "a".repeat(64);
        RemoteReference r = RemoteReference.parse("ghcr.io/o/r@" + d);
        assertThat(r.digest()).isEqualTo(d);
        assertThat(r.tag()).isNull();
        assertThat(r.toString()).isEqualTo("ghcr.io/o/r@" + d);
    }

    @Test
    void uppercaseOrEmpty_isRefused() {
        assertThatThrownBy(() -> RemoteReference.parse("me/App")).isInstanceOf(ClientException.class)
                .hasMessageContaining("must be lowercase");
        assertThatThrownBy(() -> RemoteReference.parse(" ")).isInstanceOf(ClientException.class);
        assertThatThrownBy(() -> RemoteReference.parse("busybox:")).isInstanceOf(ClientException.class);
    }
}

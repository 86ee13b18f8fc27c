package berth.client.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegistryKeysTest {
    @Test
    void registryOf_splitsAsDockerDoes() {
        assertThat(RegistryKeys.registryOf("busybox")).isEqualTo("docker.io");
        assertThat(RegistryKeys.registryOf("me/app:v1")).isEqualTo("docker.io");
        assertThat(RegistryKeys.registryOf("127.0.0.1:5000/team/app:v1")).isEqualTo("127.0.0.1:5000");
        assertThat(RegistryKeys.registryOf("localhost/app")).isEqualTo("localhost");
        assertThat(RegistryKeys.registryOf("ghcr.io/o/r@sha256:ab")).isEqualTo("ghcr.io");
        assertThat(RegistryKeys.registryOf("docker.io/library/busybox")).isEqualTo("docker.io");
    }

    @Test
    void serverKey_dockerHubInAnySpelling_isTheIndexServer() {
        for (String hub : new String[] {"", "docker.io", "index.docker.io", "registry-1.docker.io",
                "https://index.docker.io/v1/", "https://registry-1.docker.io/v2/", "Docker.IO"}) {
            assertThat(RegistryKeys.serverKey(hub)).as(hub).isEqualTo(RegistryKeys.INDEX_SERVER);
        }
        assertThat(RegistryKeys.serverKey(null)).isEqualTo(RegistryKeys.INDEX_SERVER);
    }

    @Test
    void serverKey_otherRegistries_areTheirHostName() {
        assertThat(RegistryKeys.serverKey("127.0.0.1:5000")).isEqualTo("127.0.0.1:5000");
        assertThat(RegistryKeys.serverKey("https://127.0.0.1:5000/v2/")).isEqualTo("127.0.0.1:5000");
        assertThat(RegistryKeys.serverKey("http://reg.example:8080")).isEqualTo("reg.example:8080");
        assertThat(RegistryKeys.serverKey(" ghcr.io ")).isEqualTo("ghcr.io");
    }
}

package berth.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DistributionServiceTest {
    @Test
    void registryDomain_readsServerAddressesAsDockerd() {
        assertThat(DistributionService.registryDomain("")).isEqualTo("docker.io");
        assertThat(DistributionService.registryDomain("https://index.docker.io/v1/")).isEqualTo("docker.io");
        assertThat(DistributionService.registryDomain("registry-1.docker.io")).isEqualTo("docker.io");
        assertThat(DistributionService.registryDomain("http://127.0.0.1:5000")).isEqualTo("127.0.0.1:5000");
        assertThat(DistributionService.registryDomain("ghcr.io/owner")).isEqualTo("ghcr.io");
        assertThat(DistributionService.registryDomain("Registry.Example.com:443")).isEqualTo("registry.example.com:443");
    }
}

package berth.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import org.junit.jupiter.api.Test;

class PlatformTest {
    @Test
    void parse_normalisesArchitecturesAsContainerd() {
        assertThat(Platform.parse("linux/x86_64")).hasToString("linux/amd64");
        assertThat(Platform.parse("linux/amd64/v1")).hasToString("linux/amd64");
        assertThat(Platform.parse("linux/amd64/v3")).hasToString("linux/amd64/v3");
        assertThat(Platform.parse("linux/aarch64")).hasToString("linux/arm64");
        assertThat(Platform.parse("linux/arm64/v8")).hasToString("linux/arm64");
        assertThat(Platform.parse("linux/arm64/8")).hasToString("linux/arm64");
        assertThat(Platform.parse("linux/arm64/9.0")).hasToString("linux/arm64/v9");
        assertThat(Platform.parse("linux/arm")).hasToString("linux/arm/v7");
        assertThat(Platform.parse("linux/arm/7")).hasToString("linux/arm/v7");
        assertThat(Platform.parse("linux/arm/6")).hasToString("linux/arm/v6");
        assertThat(Platform.parse("linux/armhf")).hasToString("linux/arm/v7");
        assertThat(Platform.parse("linux/armel")).hasToString("linux/arm/v6");
        assertThat(Platform.parse("linux/i386")).hasToString("linux/386");
        assertThat(Platform.parse("Linux/AMD64")).hasToString("linux/amd64");
        assertThat(Platform.parse("macos/arm64")).hasToString("darwin/arm64");
    }

    @Test
    void parse_takesBareArchitectureOnLinuxAndBareOsOnHostArchitecture() {
        assertThat(Platform.parse("arm64")).hasToString("linux/arm64");
        assertThat(Platform.parse("linux")).isEqualTo(Platform.host());
    }

    @Test
    void parse_rejectsMalformedSpecifiers() {
        for (String bad : new String[] {"", "linux/", "/amd64", "linux/amd64/v7/x", "linux/am d64", "linux/../x"}) {
            assertThatThrownBy(() -> Platform.parse(bad)).as(bad).isInstanceOf(BerthException.class)
                    .hasMessageContaining("platform");
        }
        assertThatThrownBy(() -> Platform.parse("plan10")).hasMessage("\"plan10\": unknown operating system or architecture");
    }

    @Test
    void host_isLinux() {
        assertThat(Platform.host().os()).isEqualTo("linux");
    }
}

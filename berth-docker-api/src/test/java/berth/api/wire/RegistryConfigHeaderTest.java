package berth.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** {@code X-Registry-Config}, the credentials {@code POST /build} may pull FROM images with. */
class RegistryConfigHeaderTest {
    private static String header(String json) {
        return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noneEmptyAndTheDockerClisE30_meanNoCredentials() {
        assertThat(RegistryAuth.fromConfigHeader(null)).isEmpty();
        assertThat(RegistryAuth.fromConfigHeader("")).isEmpty();
        assertThat(RegistryAuth.fromConfigHeader("e30=")).isEmpty();
        assertThat(RegistryAuth.fromConfigHeader(header("null"))).isEmpty();
    }

    @Test
    void keysBecomeRegistryHosts_asImageReferencesNameThem() {
        var auth = RegistryAuth.fromConfigHeader(header("{\"https://index.docker.io/v1/\":{\"username\":\"hub\",\"password\":\"p1\"},"
                + "\"http://localhost:5000/v2/\":{\"auth\":\"" + Base64.getEncoder().encodeToString("me:p2".getBytes(StandardCharsets.UTF_8))
                + "\"},\"reg.example:443\":{\"identitytoken\":\"tok\"}}"));

        assertThat(auth).containsOnlyKeys("docker.io", "localhost:5000", "reg.example:443");
        assertThat(auth.get("docker.io").username()).isEqualTo("hub");
        assertThat(auth.get("localhost:5000").username()).isEqualTo("me");
        assertThat(auth.get("localhost:5000").password()).isEqualTo("p2");
        assertThat(auth.get("reg.example:443").identityToken()).isEqualTo("tok");
    }

    @Test
    void unreadableHeaders_are400sNamingTheHeader() {
        assertThatThrownBy(() -> RegistryAuth.fromConfigHeader("%%%")).isInstanceOf(BerthException.class)
                .hasMessageContaining("invalid X-Registry-Config header: not base64");
        assertThatThrownBy(() -> RegistryAuth.fromConfigHeader(header("[1]"))).isInstanceOf(BerthException.class)
                .hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> RegistryAuth.fromConfigHeader(header("{\"r\":{\"username\":1}}"))).isInstanceOf(BerthException.class)
                .hasMessageContaining("username must be a string");
    }
}

package berth.client.auth;

import static org.assertj.core.api.Assertions.assertThat;

import berth.client.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code X-Registry-Config}: every stored login, for a build's FROM images, as the docker CLI sends them. */
class RegistryConfigHeaderTest {
    @TempDir
    Path dir;

    @Test
    void noLogins_isTheDockerClisE30() {
        assertThat(ClientConfig.read(dir.resolve("config.json"), dir.resolve("config.json")).registryConfigHeader()).isEqualTo("e30=");
    }

    @Test
    void everyLogin_goesUnderItsKey() throws IOException {
        Path f = dir.resolve("config.json");
        Files.writeString(f, "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\""
                + Base64.getEncoder().encodeToString("hub:p1".getBytes(StandardCharsets.UTF_8)) + "\"},"
                + "\"localhost:5000\":{\"username\":\"me\",\"password\":\"p2\"},\"empty.example\":{}}}");
        ClientConfig c = ClientConfig.read(f, f);

        assertThat(c.allCredentials()).containsOnlyKeys("https://index.docker.io/v1/", "localhost:5000");
        var decoded = Json.parse(Base64.getUrlDecoder().decode(c.registryConfigHeader()));
        assertThat(decoded.path("https://index.docker.io/v1/").path("username").asText()).isEqualTo("hub");
        assertThat(decoded.path("https://index.docker.io/v1/").path("password").asText()).isEqualTo("p1");
        assertThat(decoded.path("localhost:5000").path("serveraddress").asText()).isEqualTo("localhost:5000");
    }
}

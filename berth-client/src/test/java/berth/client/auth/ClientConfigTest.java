package berth.client.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.client.ClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientConfigTest {
    Path home;

    @BeforeEach
    void home() throws IOException {
        home = Files.createTempDirectory("berth-client-config");
    }

    @AfterEach
    void clean() throws IOException {
        try (var walk = Files.walk(home)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    Map<String, String> env(String... kv) {
        Map<String, String> m = new java.util.HashMap<>(Map.of("HOME", home.toString()));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    Path write(String relative, String json) throws IOException {
        Path f = home.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, json);
        return f;
    }

    static final String ME_SECRET = java.util.Base64.getEncoder().encodeToString("me:se:cret".getBytes());

    @Test
    void location_berthFirst_thenDocker_overriddenByDockerConfigAndTheOption() throws IOException {
        assertThat(ClientConfig.load(Optional.empty(), env()).path()).isEqualTo(home.resolve(".berth/config.json"));
        write(".docker/config.json", "{}");
        ClientConfig docker = ClientConfig.load(Optional.empty(), env());
        assertThat(docker.path()).isEqualTo(home.resolve(".docker/config.json"));
        assertThat(docker.writePath()).isEqualTo(home.resolve(".berth/config.json"));
        write(".berth/config.json", "{}");
        assertThat(ClientConfig.load(Optional.empty(), env()).path()).isEqualTo(home.resolve(".berth/config.json"));
        Path d = home.resolve("d");
        assertThat(ClientConfig.load(Optional.empty(), env("DOCKER_CONFIG", d.toString())).path())
                .isEqualTo(d.resolve("config.json"));
        ClientConfig opt = ClientConfig.load(Optional.of(home.resolve("o").toString()), env("DOCKER_CONFIG", d.toString()));
        assertThat(opt.path()).isEqualTo(home.resolve("o/config.json"));
        assertThat(opt.writePath()).isEqualTo(home.resolve("o/config.json"));
    }

    @Test
    void credentials_readTheAuthField_andIdentityToken() throws IOException {
        write(".docker/config.json", "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + ME_SECRET + "\"},"
                + "\"127.0.0.1:5000\":{\"auth\":\"" + java.util.Base64.getEncoder().encodeToString("u:".getBytes())
                + "\",\"identitytoken\":\"tok\"}}}");
        ClientConfig c = ClientConfig.load(Optional.empty(), env());
        assertThat(c.credentials(RegistryKeys.INDEX_SERVER)).contains(new AuthConfig("me", "se:cret", "", RegistryKeys.INDEX_SERVER));
        assertThat(c.credentials("127.0.0.1:5000")).contains(new AuthConfig("u", "", "tok", "127.0.0.1:5000"));
        assertThat(c.credentials("ghcr.io")).isEmpty();
    }

    @Test
    void credentials_matchKeysStoredAsUrls() throws IOException {
        write(".berth/config.json", "{\"auths\":{\"https://127.0.0.1:5000/v2/\":{\"auth\":\"" + ME_SECRET + "\"},"
                + "\"docker.io\":{\"auth\":\"" + ME_SECRET + "\"}}}");
        ClientConfig c = ClientConfig.load(Optional.empty(), env());
        assertThat(c.credentials("127.0.0.1:5000")).map(AuthConfig::username).contains("me");
        assertThat(c.credentials(RegistryKeys.INDEX_SERVER)).map(AuthConfig::password).contains("se:cret");
    }

    @Test
    void store_createsTheFileWithMode0600_andKeepsOtherKeys() throws IOException {
        write(".docker/config.json", "{\"auths\":{\"ghcr.io\":{\"auth\":\"" + ME_SECRET + "\"}},\"psFormat\":\"{{.ID}}\"}");
        ClientConfig c = ClientConfig.load(Optional.empty(), env());
        c.store("127.0.0.1:5000", new AuthConfig("me", "pw", "", "127.0.0.1:5000"));
        c.save();
        Path berth = home.resolve(".berth/config.json");
        assertThat(Files.getPosixFilePermissions(berth)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(berth.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        // docker's own file is left alone
        assertThat(Files.readString(home.resolve(".docker/config.json"))).doesNotContain("127.0.0.1:5000");
        ClientConfig again = ClientConfig.load(Optional.empty(), env());
        assertThat(again.path()).isEqualTo(berth);
        assertThat(again.credentials("127.0.0.1:5000")).contains(new AuthConfig("me", "pw", "", "127.0.0.1:5000"));
        assertThat(again.credentials("ghcr.io")).map(AuthConfig::username).contains("me");
        assertThat(Files.readString(berth)).contains("\"psFormat\"").contains("\t\"auths\"")
                .doesNotContain("\"pw\"").doesNotContain("password");
    }

    @Test
    void store_withIdentityToken_keepsTheTokenNotThePassword() throws IOException {
        ClientConfig c = ClientConfig.load(Optional.of(home.toString()), env());
        c.store("r.example", new AuthConfig("me", "", "tok", "r.example"));
        c.save();
        assertThat(ClientConfig.load(Optional.of(home.toString()), env()).credentials("r.example"))
                .contains(new AuthConfig("me", "", "tok", "r.example"));
    }

    @Test
    void remove_dropsEverySpellingOfTheRegistry() throws IOException {
        write("c/config.json", "{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"" + ME_SECRET + "\"},"
                + "\"https://127.0.0.1:5000\":{\"auth\":\"" + ME_SECRET + "\"},\"ghcr.io\":{\"auth\":\"" + ME_SECRET + "\"}}}");
        ClientConfig c = ClientConfig.load(Optional.of(home.resolve("c").toString()), env());
        assertThat(c.remove("127.0.0.1:5000")).containsExactlyInAnyOrder("127.0.0.1:5000", "https://127.0.0.1:5000");
        assertThat(c.remove("127.0.0.1:5000")).isEmpty();
        c.save();
        ClientConfig again = ClientConfig.load(Optional.of(home.resolve("c").toString()), env());
        assertThat(again.credentials("127.0.0.1:5000")).isEmpty();
        assertThat(again.credentials("ghcr.io")).isPresent();
    }

    @Test
    void credentialHelpers_areNamedInANote() throws IOException {
        write("h/config.json", "{\"credsStore\":\"desktop\",\"auths\":{}}");
        assertThat(ClientConfig.load(Optional.of(home.resolve("h").toString()), env()).credentialHelperNote())
                .hasValueSatisfying(n -> assertThat(n).contains("credsStore \"desktop\"").contains("does not run"));
        assertThat(ClientConfig.load(Optional.empty(), env()).credentialHelperNote()).isEmpty();
    }

    @Test
    void brokenFiles_areClearErrors() throws IOException {
        write("b/config.json", "{\"auths\": ");
        assertThatThrownBy(() -> ClientConfig.load(Optional.of(home.resolve("b").toString()), env()))
                .isInstanceOf(ClientException.class).hasMessageContaining("not valid JSON");
        write("e/config.json", "{\"auths\":{\"r\":{\"auth\":\"bm9jb2xvbg==\"}}}");
        assertThatThrownBy(() -> ClientConfig.load(Optional.of(home.resolve("e").toString()), env()).credentials("r"))
                .isInstanceOf(ClientException.class).hasMessageContaining("user:password");
    }
}

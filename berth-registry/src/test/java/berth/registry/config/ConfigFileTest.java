package berth.registry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void load_readsEverySectionOfTheYaml_resolvingPathsAgainstTheFile() throws Exception {
        Path file = dir.resolve("registry.yml");
        Files.writeString(file, """
                addr: 127.0.0.1:5443
                storage:
                  root: data
                tls:
                  certificate: cert.pem
                  key: /etc/key.pem
                auth:
                  htpasswd: htpasswd
                  token: {issuer: me, service: reg, key: token.key, lifetime: 10m}
                  access:
                    - repository: "public/*"
                      anonymousPull: true
                      push: [alice]
                    - {repository: "*", pull: ["*"]}
                notifications:
                  endpoints:
                    - url: http://127.0.0.1:9000/hook
                      headers: {Authorization: [Bearer x], X-One: single}
                      timeout: 500ms
                      retries: 2
                gc: {interval: 1h30m, grace: 10s}
                """);
        RegistryConfig c = ConfigFile.load(Optional.of(file), Optional.empty(), Optional.empty());
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(5443);
        assertThat(c.root()).isEqualTo(dir.resolve("data"));
        assertThat(c.tls().orElseThrow()).isEqualTo(new TlsConfig(dir.resolve("cert.pem"), Path.of("/etc/key.pem")));
        assertThat(c.auth().htpasswd()).hasValue(dir.resolve("htpasswd"));
        TokenConfig t = c.auth().token().orElseThrow();
        assertThat(t.issuer()).isEqualTo("me");
        assertThat(t.service()).isEqualTo("reg");
        assertThat(t.realm()).isEmpty();
        assertThat(t.lifetime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.auth().access()).hasSize(2);
        AccessRule first = c.auth().access().getFirst();
        assertThat(first.anonymousPull()).isTrue();
        assertThat(first.push()).containsExactly("alice");
        assertThat(first.matches("public/a/b")).isTrue();
        assertThat(first.matches("private/a")).isFalse();
        NotificationEndpoint e = c.notifications().getFirst();
        assertThat(e.url()).isEqualTo(URI.create("http://127.0.0.1:9000/hook"));
        assertThat(e.headers()).containsEntry("Authorization", List.of("Bearer x")).containsEntry("X-One", List.of("single"));
        assertThat(e.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(e.retries()).isEqualTo(2);
        assertThat(c.gcInterval()).hasValue(Duration.ofMinutes(90));
        assertThat(c.gcGrace()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void commandLine_overridesTheFile() throws Exception {
        Path file = dir.resolve("r.yml");
        Files.writeString(file, "addr: 0.0.0.0:80\nstorage: {root: /nope}\n");
        RegistryConfig c = ConfigFile.load(Optional.of(file), Optional.of("127.0.0.1:0"), Optional.of(dir));
        assertThat(c.port()).isZero();
        assertThat(c.root()).isEqualTo(dir);
        assertThat(c.auth().enabled()).isFalse();
    }

    @Test
    void load_failsClearly() throws Exception {
        assertThatThrownBy(() -> ConfigFile.load(Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(BerthException.class).hasMessageContaining("--root");
        assertThatThrownBy(() -> ConfigFile.load(Optional.empty(), Optional.of("nocolon"), Optional.of(dir)))
                .hasMessageContaining("HOST:PORT");
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, "auth: {token: {key: k}}\n");
        assertThatThrownBy(() -> ConfigFile.load(Optional.of(file), Optional.empty(), Optional.of(dir)))
                .hasMessageContaining("auth.token needs auth.htpasswd");
        assertThatThrownBy(() -> ConfigFile.parseDuration("5 minutes")).hasMessageContaining("invalid duration");
    }
}

package berth.distribution.push;

import static berth.distribution.pull.TestImages.entries;
import static berth.distribution.pull.TestImages.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.distribution.DistributionService;
import berth.distribution.Platform;
import berth.distribution.RegistryHosts;
import berth.distribution.pull.DistributionRegistry;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.image.DefaultImageService;
import berth.image.Image;
import berth.image.Progress;
import berth.image.RegistryCredentials;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker-registry with htpasswd Basic auth: a push with the password succeeds, one without is refused. */
class BasicAuthPushTest {
    private static final String USER = "bob";
    private static final String PASSWORD = "push-s3cret";

    @TempDir
    static Path shared;
    static DistributionRegistry registry;

    @TempDir
    Path dataRoot;
    DefaultImageService images;
    DistributionService service;
    Image image;

    @BeforeAll
    static void startRegistry() throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String hash = OpenBSDBCrypt.generate("2y", PASSWORD.getBytes(StandardCharsets.UTF_8), salt, 10);
        registry = DistributionRegistry.start(shared.resolve("registry"), Optional.of(USER + ":" + hash), Optional.of(USER + ":" + PASSWORD));
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void open() {
        images = new DefaultImageService(dataRoot);
        service = new DistributionService(images, RegistryHosts.defaults(), Platform.LINUX_AMD64, dataRoot);
        image = images.importTarball(new ByteArrayInputStream(tar(entries("private", "data"))),
                Optional.of(registry.host() + "/team/app:v1"), List.of(), "", Progress.Listener.NONE);
    }

    @AfterEach
    void close() {
        service.close();
    }

    private RegistryCredentials credentials(String password) {
        return new RegistryCredentials(USER, password, "", "", registry.host());
    }

    @Test
    void push_withThePassword_succeedsAndPullsBack() throws Exception {
        var pushed = service.push(registry.host() + "/team/app:v1", credentials(PASSWORD), Progress.Listener.NONE);

        assertThat(pushed).hasSize(1);
        DefaultImageService other = new DefaultImageService(dataRoot.resolve("other"));
        try (DistributionService second = new DistributionService(other, RegistryHosts.defaults(), Platform.LINUX_AMD64,
                dataRoot.resolve("other"))) {
            var pulled = second.pull(registry.host() + "/team/app:v1", Optional.empty(), credentials(PASSWORD), Progress.Listener.NONE);
            assertThat(pulled.image().id()).isEqualTo(image.id());
        }
    }

    @Test
    void push_withoutCredentials_saysNoBasicAuthCredentials() {
        assertThatThrownBy(() -> service.push(registry.host() + "/team/app:v1", RegistryCredentials.ANONYMOUS, Progress.Listener.NONE))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED))
                .hasMessageEndingWith(": no basic auth credentials")
                .hasMessageContaining("\"http://" + registry.host() + "/v2/team/app/");
        assertThat(images.inspect(image.id().toString()).repoDigests()).isEmpty();
    }

    @Test
    void push_withAWrongPassword_isUnauthenticated() {
        assertThatThrownBy(() -> service.push(registry.host() + "/team/app:v1", credentials("wrong"), Progress.Listener.NONE))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED));
    }
}

package berth.distribution.pull;

import static berth.distribution.pull.TestImages.entries;
import static berth.distribution.pull.TestImages.gzipLayer;
import static berth.distribution.pull.TestImages.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.distribution.DistributionService;
import berth.distribution.Platform;
import berth.distribution.RegistryHosts;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.image.DefaultImageService;
import berth.image.ImageFilter;
import berth.image.Progress;
import berth.image.RegistryCredentials;
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

/** docker-registry with htpasswd Basic auth: the right password pulls, a wrong one is refused. */
class BasicAuthPullTest {
    private static final String USER = "alice";
    private static final String PASSWORD = "s3cret-pass";
    private static final TestImages.Image IMAGE = TestImages.image("amd64", List.of(gzipLayer(tar(entries("secret", "yes")))));

    @TempDir
    static Path shared;
    static DistributionRegistry registry;

    @TempDir
    Path dataRoot;
    DefaultImageService images;
    DistributionService service;

    @BeforeAll
    static void startRegistry() throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String hash = OpenBSDBCrypt.generate("2y", PASSWORD.getBytes(StandardCharsets.UTF_8), salt, 10);
        registry = DistributionRegistry.start(shared.resolve("registry"), Optional.of(USER + ":" + hash),
                Optional.of(USER + ":" + PASSWORD));
        TestImages.OciLayout layout = new TestImages.OciLayout(shared.resolve("layout"));
        layout.add(IMAGE, "private");
        registry.push(layout.dir(), "private", "team/private:v1", false);
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
    }

    @AfterEach
    void close() {
        service.close();
    }

    private RegistryCredentials credentials(String password) {
        return new RegistryCredentials(USER, password, "", "", registry.host());
    }

    @Test
    void pull_withTheRightPassword_succeeds() {
        var c = service.pull(registry.host() + "/team/private:v1", Optional.empty(), credentials(PASSWORD), Progress.Listener.NONE);
        assertThat(c.image().id()).isEqualTo(IMAGE.config().digest());
    }

    @Test
    void pull_withAWrongPasswordOrNone_isUnauthenticatedAndStoresNothing() {
        assertThatThrownBy(() -> service.pull(registry.host() + "/team/private:v1", Optional.empty(), credentials("wrong"),
                Progress.Listener.NONE))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED))
                .hasMessageContaining("unauthorized");
        assertThatThrownBy(() -> service.pull(registry.host() + "/team/private:v1", Optional.empty(), RegistryCredentials.ANONYMOUS,
                Progress.Listener.NONE))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED))
                .hasMessageEndingWith("no basic auth credentials");
        assertThat(images.list(ImageFilter.none())).isEmpty();
    }

    @Test
    void login_acceptsTheRightPasswordAndRefusesAWrongOne() {
        assertThat(service.login(credentials(PASSWORD)).status()).isEqualTo("Login Succeeded");
        assertThatThrownBy(() -> service.login(credentials("wrong")))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED))
                .hasMessage("login attempt to http://" + registry.host() + "/v2/ failed with status: 401 Unauthorized");
    }
}

package berth.distribution.pull;

import static berth.distribution.pull.TestImages.entries;
import static berth.distribution.pull.TestImages.gzipLayer;
import static berth.distribution.pull.TestImages.tar;
import static org.assertj.core.api.Assertions.assertThat;

import berth.distribution.DistributionService;
import berth.distribution.Platform;
import berth.distribution.RegistryHosts;
import berth.image.DefaultImageService;
import berth.image.Progress;
import berth.image.RegistryCredentials;
import berth.image.RegistryService;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login through a token service (identity tokens), and Docker Hub names served by a mirror. */
class TokenAndMirrorTest {
    private static final TestImages.Image IMAGE = TestImages.image("amd64", List.of(gzipLayer(tar(entries("f", "1")))));

    @TempDir
    Path dataRoot;
    FakeRegistry registry;
    DefaultImageService images;

    @BeforeEach
    void open() throws IOException {
        registry = new FakeRegistry();
        images = new DefaultImageService(dataRoot);
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void login_returnsTheIdentityToken_whichALaterPullTradesForAnAccessToken() throws IOException {
        registry.serve("team/app", "v1", IMAGE);
        String challenge = "Bearer realm=\"http://" + registry.host() + "/token\",service=\"fake\"";
        registry.onPing(ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null && auth.startsWith("Bearer tok-")) {
                FakeRegistry.send(ex, 200, "application/json", "{}".getBytes());
                return;
            }
            ex.getResponseHeaders().set("WWW-Authenticate", challenge);
            FakeRegistry.send(ex, 401, "application/json", "{}".getBytes());
        });
        List<String> tokenRequests = new CopyOnWriteArrayList<>();
        registry.on("/token", ex -> {
            if (ex.getRequestMethod().equals("GET")) {
                String q = ex.getRequestURI().getQuery();
                tokenRequests.add("GET " + q);
                boolean ok = "Basic Ym9iOnB3".equals(ex.getRequestHeaders().getFirst("Authorization"));
                FakeRegistry.send(ex, ok ? 200 : 401, "application/json", (ok
                        ? "{\"token\":\"tok-login\",\"refresh_token\":\"refresh-1\",\"expires_in\":60}"
                        : "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"incorrect username or password\"}]}").getBytes());
                return;
            }
            String form = URLDecoder.decode(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            tokenRequests.add("POST " + form);
            boolean ok = form.contains("grant_type=refresh_token") && form.contains("refresh_token=refresh-1");
            FakeRegistry.send(ex, ok ? 200 : 401, "application/json", (ok ? "{\"access_token\":\"tok-pull\"}" : "{}").getBytes());
        });
        registry.gate(ex -> {
            if (ex.getRequestURI().getPath().equals("/token") || "Bearer tok-pull".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                return false;
            }
            ex.getResponseHeaders().set("WWW-Authenticate", challenge);
            FakeRegistry.send(ex, 401, "application/json", "{}".getBytes());
            return true;
        });

        try (DistributionService service = new DistributionService(images, RegistryHosts.defaults(), Platform.LINUX_AMD64, dataRoot)) {
            RegistryService.LoginResult login = service.login(new RegistryCredentials("bob", "pw", "", "", registry.host()));
            assertThat(login.status()).isEqualTo("Login Succeeded");
            assertThat(login.identityToken()).contains("refresh-1");
            assertThat(tokenRequests.getFirst()).contains("offline_token=true").contains("service=fake");

            RegistryCredentials identity = new RegistryCredentials("", "", "refresh-1", "", registry.host());
            var c = service.pull(registry.host() + "/team/app:v1", Optional.empty(), identity, Progress.Listener.NONE);

            assertThat(c.image().id()).isEqualTo(IMAGE.config().digest());
            assertThat(tokenRequests).hasSize(2);
            assertThat(tokenRequests.get(1)).startsWith("POST ").contains("scope=repository:team/app:pull");
        }
    }

    @Test
    void pull_ofADockerHubName_goesToTheMirrorFirst() throws IOException {
        registry.serve("library/busybox", "latest", IMAGE);
        RegistryHosts hosts = RegistryHosts.of(List.of("http://" + registry.host()), List.of(), RegistryHosts.NO_DNS);
        try (DistributionService service = new DistributionService(images, hosts, Platform.LINUX_AMD64, dataRoot)) {
            Events events = new Events();
            var c = service.pull("busybox", Optional.empty(), RegistryCredentials.ANONYMOUS, events);

            assertThat(c.image().repoTags()).containsExactly("busybox:latest");
            assertThat(c.image().repoDigests()).containsExactly("busybox@" + IMAGE.manifest().digest());
            assertThat(events.lines()).contains("latest: Pulling from library/busybox", "Status: Downloaded newer image for busybox:latest");
        }
    }

    /** A clock the test moves. */
    static final class MovableClock extends java.time.Clock {
        volatile java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    void aToken_isReusedUntilItExpires_thenFetchedAgain() {
        registry.serve("team/app", "v1", IMAGE);
        String challenge = "Bearer realm=\"http://" + registry.host() + "/token\",service=\"fake\"";
        registry.onPing(ex -> {
            ex.getResponseHeaders().set("WWW-Authenticate", challenge);
            FakeRegistry.send(ex, 401, "application/json", "{}".getBytes());
        });
        java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();
        registry.on("/token", ex -> FakeRegistry.send(ex, 200, "application/json",
                ("{\"token\":\"tok-" + fetches.incrementAndGet() + "\",\"expires_in\":120}").getBytes()));
        MovableClock clock = new MovableClock();
        try (berth.distribution.client.RegistryClient client = new berth.distribution.client.RegistryClient(RegistryHosts.defaults(),
                clock, java.time.Duration.ofSeconds(60))) {
            var repo = client.repository(berth.image.ImageReference.parse(registry.host() + "/team/app"), RegistryCredentials.ANONYMOUS);
            repo.manifest("v1");
            repo.manifest("v1");
            clock.now = clock.now.plusSeconds(100);
            repo.manifest("v1");
            assertThat(fetches.get()).isEqualTo(1);

            clock.now = clock.now.plusSeconds(30); // past expires_in
            repo.manifest("v1");
            assertThat(fetches.get()).isEqualTo(2);
            assertThat(registry.requests()).filteredOn(r -> r.path().contains("/manifests/")).extracting(FakeRegistry.Request::authorization)
                    .containsExactly("Bearer tok-1", "Bearer tok-1", "Bearer tok-1", "Bearer tok-2");
        }
    }
}

package berth.registry.server;

import static berth.registry.server.RegistryFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import berth.content.Digest;
import berth.registry.config.AccessRule;
import berth.registry.config.AuthConfig;
import berth.registry.config.RegistryConfig;
import berth.registry.config.TokenConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Basic and token authentication with per-repository rules: alice may push everything, bob may pull
 * only {@code shared/*}, and anybody may pull {@code public/*}.
 */
class AuthTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private AuthConfig auth(Optional<TokenConfig> token) throws Exception {
        Path htpasswd = tmp.resolve("htpasswd");
        Files.writeString(htpasswd, "alice:" + OpenBSDBCrypt.generate("2y", "wonderland".toCharArray(), new byte[16], 5) + "\n"
                + "bob:" + OpenBSDBCrypt.generate("2y", "builder".toCharArray(), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, 5) + "\n");
        return new AuthConfig(Optional.of(htpasswd), token, List.of(
                new AccessRule("public/*", Set.of(), Set.of("alice"), true),
                new AccessRule("shared/*", Set.of("bob"), Set.of("alice"), false),
                new AccessRule("*", Set.of(), Set.of("alice"), false)));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basic_checksPasswordsAndRules() throws Exception {
        RegistryConfig config = RegistryConfig.plain("127.0.0.1", 0, tmp.resolve("root")).withAuth(auth(Optional.empty()));
        try (RegistryFixture reg = new RegistryFixture(config)) {
            HttpResponse<byte[]> anonymous = reg.get("/v2/");
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"berth-registry\"");
            assertThat(text(anonymous)).contains("UNAUTHORIZED");

            reg.authorization = Optional.of(basic("alice", "wrong"));
            assertThat(reg.get("/v2/").statusCode()).isEqualTo(401);

            reg.authorization = Optional.of(basic("alice", "wonderland"));
            assertThat(reg.get("/v2/").statusCode()).isEqualTo(200);
            Digest inPublic = reg.pushBlob("public/app", "open".getBytes(StandardCharsets.UTF_8));
            Digest inShared = reg.pushBlob("shared/app", "team".getBytes(StandardCharsets.UTF_8));
            Digest inPrivate = reg.pushBlob("private/app", "secret".getBytes(StandardCharsets.UTF_8));

            reg.authorization = Optional.of(basic("bob", "builder"));
            assertThat(reg.get("/v2/shared/app/blobs/" + inShared).statusCode()).isEqualTo(200);
            HttpResponse<byte[]> denied = reg.get("/v2/private/app/blobs/" + inPrivate);
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(text(denied)).contains("DENIED");
            assertThat(reg.send("POST", "/v2/shared/app/blobs/uploads/").statusCode()).isEqualTo(403);

            reg.authorization = Optional.empty();
            assertThat(reg.get("/v2/public/app/blobs/" + inPublic).statusCode()).isEqualTo(200);
            assertThat(reg.get("/v2/shared/app/blobs/" + inShared).statusCode()).isEqualTo(401);
            assertThat(reg.send("POST", "/v2/public/app/blobs/uploads/").statusCode()).isEqualTo(401);
            assertThat(reg.get("/v2/_catalog").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void token_flowIssuesScopedTokensThatTheRegistryHonours() throws Exception {
        Path key = tmp.resolve("token.key");
        Files.write(key, "0123456789abcdef0123456789abcdef-test-key".getBytes(StandardCharsets.US_ASCII));
        TokenConfig token = new TokenConfig(Optional.empty(), "berth-test", "registry.test", key, Duration.ofMinutes(5));
        RegistryConfig config = RegistryConfig.plain("127.0.0.1", 0, tmp.resolve("root")).withAuth(auth(Optional.of(token)));
        try (RegistryFixture reg = new RegistryFixture(config)) {
            HttpResponse<byte[]> challenge = reg.get("/v2/app/manifests/v1");
            assertThat(challenge.statusCode()).isEqualTo(401);
            assertThat(challenge.headers().firstValue("WWW-Authenticate")).hasValue(
                    "Bearer realm=\"" + reg.base + "/token\",service=\"registry.test\",scope=\"repository:app:pull\"");

            reg.authorization = Optional.of(basic("alice", "wrong"));
            assertThat(reg.get("/token?service=registry.test&scope=repository:app:pull").statusCode()).isEqualTo(401);

            reg.authorization = Optional.of(basic("alice", "wonderland"));
            String push = tokenFor(reg, "repository:app:pull,push");
            reg.authorization = Optional.of("Bearer " + push);
            HttpResponse<byte[]> pushed = reg.pushImage("app", "v1", "{}", List.of("layer".getBytes(StandardCharsets.UTF_8)), "");
            assertThat(pushed.statusCode()).isEqualTo(201);
            assertThat(reg.get("/v2/").statusCode()).isEqualTo(200);

            // bob asks for push on app; the service grants nothing, the registry challenges again.
            reg.authorization = Optional.of(basic("bob", "builder"));
            String bobs = tokenFor(reg, "repository:app:pull,push");
            reg.authorization = Optional.of("Bearer " + bobs);
            HttpResponse<byte[]> refused = reg.get("/v2/app/manifests/v1");
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"insufficient_scope\"");

            // A token whose signature was tampered with is refused.
            reg.authorization = Optional.of("Bearer " + push.substring(0, push.lastIndexOf('.') + 1) + "AAAA" + push.substring(push.lastIndexOf('.') + 5));
            assertThat(reg.get("/v2/app/manifests/v1").statusCode()).isEqualTo(401);

            // Anonymous pull of a public repository: a token without credentials.
            reg.authorization = Optional.of(basic("alice", "wonderland"));
            String alicePublic = tokenFor(reg, "repository:public/app:pull,push");
            reg.authorization = Optional.of("Bearer " + alicePublic);
            assertThat(reg.pushImage("public/app", "v1", "{\"p\":1}", List.of(), "").statusCode()).isEqualTo(201);
            reg.authorization = Optional.empty();
            String anonymous = tokenFor(reg, "repository:public/app:pull,push");
            reg.authorization = Optional.of("Bearer " + anonymous);
            assertThat(reg.get("/v2/public/app/manifests/v1").statusCode()).isEqualTo(200);
            assertThat(reg.send("POST", "/v2/public/app/blobs/uploads/").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void token_withSkopeoAndCredentials() throws Exception {
        Path key = tmp.resolve("token.key");
        Files.write(key, "0123456789abcdef0123456789abcdef-test-key".getBytes(StandardCharsets.US_ASCII));
        TokenConfig token = new TokenConfig(Optional.empty(), "berth-test", "registry.test", key, Duration.ofMinutes(5));
        RegistryConfig config = RegistryConfig.plain("127.0.0.1", 0, tmp.resolve("root")).withAuth(auth(Optional.of(token)));
        Path source = tmp.resolve("source");
        Digest manifest = OciLayout.write(source, "v1");
        try (RegistryFixture reg = new RegistryFixture(config)) {
            String ref = "docker://127.0.0.1:" + reg.server.port() + "/team/hello:v1";
            SkopeoTest.skopeo("copy", "--dest-tls-verify=false", "--dest-creds", "alice:wonderland", "oci:" + source + ":v1", ref);
            String inspect = SkopeoTest.skopeo("inspect", "--tls-verify=false", "--creds", "alice:wonderland", ref);
            assertThat(JSON.readTree(inspect).path("Digest").asText()).isEqualTo(manifest.toString());
        }
    }

    @Test
    void token_oauthPasswordGrant_issuesATokenOrRefuses() throws Exception {
        Path key = tmp.resolve("token.key");
        Files.write(key, "0123456789abcdef0123456789abcdef-test-key".getBytes(StandardCharsets.US_ASCII));
        TokenConfig token = new TokenConfig(Optional.empty(), "berth-test", "registry.test", key, Duration.ofMinutes(5));
        RegistryConfig config = RegistryConfig.plain("127.0.0.1", 0, tmp.resolve("root")).withAuth(auth(Optional.of(token)));
        try (RegistryFixture reg = new RegistryFixture(config)) {
            java.util.Map<String, String> form = java.util.Map.of("Content-Type", "application/x-www-form-urlencoded");
            HttpResponse<byte[]> ok = reg.send("POST", "/token", ("grant_type=password&username=alice&password=wonderland"
                    + "&service=registry.test&client_id=test&scope=" + URLEncoder.encode("repository:app:pull,push", StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8), form);
            assertThat(ok.statusCode()).as(text(ok)).isEqualTo(200);
            assertThat(JSON.readTree(ok.body()).path("scope").asText()).isEqualTo("repository:app:pull,push");
            reg.authorization = Optional.of("Bearer " + JSON.readTree(ok.body()).path("access_token").asText());
            assertThat(reg.send("POST", "/v2/app/blobs/uploads/").statusCode()).isEqualTo(202);

            reg.authorization = Optional.empty();
            HttpResponse<byte[]> wrong = reg.send("POST", "/token", "grant_type=password&username=alice&password=nope"
                    .getBytes(StandardCharsets.UTF_8), form);
            assertThat(wrong.statusCode()).isEqualTo(401);
            HttpResponse<byte[]> refresh = reg.send("POST", "/token", "grant_type=refresh_token&refresh_token=x"
                    .getBytes(StandardCharsets.UTF_8), form);
            assertThat(refresh.statusCode()).isEqualTo(400);
            assertThat(text(refresh)).contains("unsupported_grant_type");
        }
    }

    private static String tokenFor(RegistryFixture reg, String scope) throws Exception {
        HttpResponse<byte[]> r = reg.get("/token?service=registry.test&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        return JSON.readTree(r.body()).path("token").asText();
    }
}

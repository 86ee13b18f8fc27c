package berth.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokensTest {
    private static final byte[] KEY = "a-signing-key-of-at-least-32-bytes!".getBytes(StandardCharsets.US_ASCII);
    private final Tokens tokens = new Tokens(KEY, "iss", "svc", Duration.ofMinutes(5));
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void issuedToken_verifiesWithItsGrant() {
        String t = tokens.issue(Optional.of("alice"), List.of(Access.repository("app", "pull", "push")), now);
        Tokens.Grant g = tokens.verify(t, now.plusSeconds(60)).orElseThrow();
        assertThat(g.subject()).hasValue("alice");
        assertThat(g.allows(Access.repository("app", "push"))).isTrue();
        assertThat(g.allows(Access.repository("app", "delete"))).isFalse();
        assertThat(g.allows(Access.repository("other", "pull"))).isFalse();
    }

    @Test
    void verify_refusesExpiredForeignAndTamperedTokens() {
        String t = tokens.issue(Optional.empty(), List.of(Access.repository("app", "pull")), now);
        assertThat(tokens.verify(t, now.plus(Duration.ofMinutes(10)))).isEmpty();
        assertThat(new Tokens(KEY, "iss", "other-service", Duration.ofMinutes(5)).verify(t, now)).isEmpty();
        assertThat(new Tokens(KEY, "someone-else", "svc", Duration.ofMinutes(5)).verify(t, now)).isEmpty();
        assertThat(new Tokens("another-key-that-is-32-bytes-long!!".getBytes(StandardCharsets.US_ASCII), "iss", "svc", Duration.ofMinutes(5))
                .verify(t, now)).isEmpty();
        String[] parts = t.split("\\.");
        String forgedClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"iss\":\"iss\",\"aud\":\"svc\",\"exp\":9999999999,\"access\":[{\"type\":\"repository\",\"name\":\"app\",\"actions\":[\"push\"]}]}"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(tokens.verify(parts[0] + "." + forgedClaims + "." + parts[2], now)).isEmpty();
        assertThat(tokens.verify("not.a.token", now)).isEmpty();
        assertThat(tokens.verify("garbage", now)).isEmpty();
    }

    @Test
    void scope_parsesAndPrints() {
        Access a = Access.parse("repository:team/app:push,pull");
        assertThat(a.name()).isEqualTo("team/app");
        assertThat(a.scope()).isEqualTo("repository:team/app:pull,push");
        assertThat(Access.parse("registry:catalog:*").actions()).containsExactly("*");
    }
}

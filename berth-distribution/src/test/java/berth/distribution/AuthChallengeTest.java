package berth.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {
    @Test
    void parse_readsDockerHubBearerChallenge() {
        List<AuthChallenge> challenges = AuthChallenge.parse(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/busybox:pull\"");
        assertThat(challenges).containsExactly(new AuthChallenge("bearer", Map.of(
                "realm", "https://auth.docker.io/token",
                "service", "registry.docker.io",
                "scope", "repository:library/busybox:pull")));
        assertThat(challenges.getFirst().scopes()).containsExactly(Scope.repository("library/busybox", Scope.PULL));
    }

    @Test
    void parse_handlesQuotedCommasEscapesTokensAndCase() {
        AuthChallenge c = AuthChallenge.parse("BASIC Realm = \"a, \\\"quoted\\\" \\\\ realm\" , charset=UTF-8").getFirst();
        assertThat(c.scheme()).isEqualTo("basic");
        assertThat(c.realm()).hasValue("a, \"quoted\" \\ realm");
        assertThat(c.params()).containsEntry("charset", "UTF-8");
        assertThat(AuthChallenge.parse("Bearer realm=\"\"").getFirst().realm()).hasValue("");
        // RFC 7235: a bare "name=" after the scheme is a token68 credential, not an empty parameter
        assertThat(AuthChallenge.parse("Bearer realm=").getFirst().params()).containsOnly(Map.entry("token68", "realm="));
    }

    @Test
    void parse_splitsSeveralChallenges() {
        List<AuthChallenge> challenges = AuthChallenge.parse(
                "Negotiate abc123==, Basic realm=\"r1\", Bearer realm=\"https://a/t\",service=\"s\", Newauth");
        assertThat(challenges).extracting(AuthChallenge::scheme).containsExactly("negotiate", "basic", "bearer", "newauth");
        assertThat(challenges.get(0).params()).containsEntry("token68", "abc123==");
        assertThat(challenges.get(2).params()).containsOnlyKeys("realm", "service");
        assertThat(challenges.get(3).params()).isEmpty();
        assertThat(AuthChallenge.parseAll(List.of("Basic realm=\"x\"", "Bearer realm=\"y\""))).hasSize(2);
        assertThat(AuthChallenge.parse("")).isEmpty();
        assertThat(AuthChallenge.parse(null)).isEmpty();
    }

    @Test
    void parse_rejectsMalformedHeaders() {
        for (String bad : new String[] {"Bearer realm=\"unterminated", "realm=\"x\"", "Bearer realm=,x=y", "Bearer realm=x=y",
                "Bearer realm=\"a\" service=\"b\"", "Bearer realm=\"a\",realm=\"b\"", "Bearer \"x\"", "Bearer realm=\"x\\"}) {
            assertThatThrownBy(() -> AuthChallenge.parse(bad)).as(bad).isInstanceOf(BerthException.class)
                    .hasMessageContaining("invalid WWW-Authenticate header");
        }
        assertThatThrownBy(() -> AuthChallenge.parse("Bearer realm=\"" + "x".repeat(20000) + "\""))
                .hasMessageContaining("longer than");
    }

    @Test
    void tokenUri_mergesRequestedScopesWithChallengeScope() {
        AuthChallenge c = AuthChallenge.parse(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:team/app:pull\"").getFirst();
        assertThat(c.tokenUri(List.of(Scope.repository("team/app", Scope.PUSH), Scope.repository("library/base", Scope.PULL))))
                .hasToString("https://auth.docker.io/token?service=registry.docker.io"
                        + "&scope=repository%3Alibrary%2Fbase%3Apull&scope=repository%3Ateam%2Fapp%3Apull%2Cpush");
    }

    @Test
    void tokenUri_keepsRealmQueryAndWorksWithoutServiceOrScopes() {
        AuthChallenge c = AuthChallenge.parse("Bearer realm=\"https://r.example/t?x=1\"").getFirst();
        assertThat(c.tokenUri(List.of(Scope.repository("a", Scope.PULL)))).hasToString("https://r.example/t?x=1&scope=repository%3Aa%3Apull");
        assertThat(c.tokenUri(List.of())).hasToString("https://r.example/t?x=1");
    }

    @Test
    void tokenUri_refusesNonHttpRealmsAndNonBearerChallenges() {
        for (String realm : new String[] {"file:///etc/passwd", "ftp://x/t", "/relative", "https://x/t#frag", "http://[bad"}) {
            AuthChallenge c = new AuthChallenge("Bearer", Map.of("realm", realm));
            assertThatThrownBy(() -> c.tokenUri(List.of())).as(realm).isInstanceOf(BerthException.class).hasMessageContaining("realm");
        }
        assertThatThrownBy(() -> new AuthChallenge("bearer", Map.of()).tokenUri(List.of())).hasMessageContaining("no realm");
        assertThatThrownBy(() -> new AuthChallenge("basic", Map.of("realm", "https://x")).tokenUri(List.of()))
                .hasMessageContaining("only for a Bearer challenge");
    }
}

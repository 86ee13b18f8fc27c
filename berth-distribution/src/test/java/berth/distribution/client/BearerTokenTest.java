package berth.distribution.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BearerTokenTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void parse_takesTokenOrAccessToken_andItsLifetime() {
        BearerToken t = BearerToken.parse("{\"token\":\"abc\",\"expires_in\":300,\"refresh_token\":\"r\"}".getBytes(), NOW);
        assertThat(t.token()).isEqualTo("abc");
        assertThat(t.expires()).isEqualTo(NOW.plusSeconds(300));
        assertThat(t.refreshToken()).contains("r");
        assertThat(BearerToken.parse("{\"access_token\":\"xyz\"}".getBytes(), NOW).token()).isEqualTo("xyz");
    }

    @Test
    void aTokenWithoutExpiry_livesSixtySeconds_andIsNotUsedInItsLastSeconds() {
        BearerToken t = BearerToken.parse("{\"token\":\"abc\"}".getBytes(), NOW);
        assertThat(t.usableAt(NOW.plusSeconds(50))).isTrue();
        assertThat(t.usableAt(NOW.plusSeconds(58))).isFalse();
        assertThat(t.usableAt(NOW.plusSeconds(61))).isFalse();
    }

    @Test
    void parse_refusesAnswersWithoutAToken_orTooLarge() {
        assertThatThrownBy(() -> BearerToken.parse("{\"expires_in\":3}".getBytes(), NOW)).isInstanceOf(BerthException.class)
                .hasMessageContaining("no token");
        assertThatThrownBy(() -> BearerToken.parse("not json".getBytes(), NOW)).isInstanceOf(BerthException.class);
        assertThatThrownBy(() -> BearerToken.parse(new byte[BearerToken.MAX_RESPONSE_BYTES + 1], NOW))
                .hasMessageContaining("exceeds");
    }

    @Test
    void toString_neverShowsTheToken() {
        assertThat(BearerToken.parse("{\"token\":\"secret-value\"}".getBytes(), NOW).toString()).doesNotContain("secret-value");
    }
}

package berth.registry.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The bearer-token service served by the registry itself ({@code GET /token}).
 *
 * @param realm the URL clients fetch tokens from; empty means this server's own {@code /token}
 * @param issuer the {@code iss} of issued tokens, checked on every request
 * @param service the {@code aud} of issued tokens and the {@code service} of challenges
 * @param key a file whose bytes are the HMAC-SHA256 signing key (at least 32 bytes)
 * @param lifetime how long an issued token is valid
 */
public record TokenConfig(Optional<String> realm, String issuer, String service, Path key, Duration lifetime) {
    public TokenConfig {
        Objects.requireNonNull(issuer, "auth.token.issuer");
        Objects.requireNonNull(service, "auth.token.service");
        Objects.requireNonNull(key, "auth.token.key");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("auth.token.lifetime must be positive: " + lifetime);
        }
    }
}

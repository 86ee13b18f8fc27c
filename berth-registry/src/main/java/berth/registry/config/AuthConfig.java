package berth.registry.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Authentication and access. Without an htpasswd file nobody is asked who they are and everyone may
 * pull and push. With one, clients authenticate with HTTP Basic, or — when {@code token} is set — with
 * bearer tokens that this server's own token endpoint issues after checking Basic credentials.
 *
 * @param htpasswd a file of {@code user:bcrypt-hash} lines, as Docker's registry reads
 * @param token the token service's settings, or empty for Basic authentication on every request
 * @param access rules per repository pattern; the first that matches a repository decides
 */
public record AuthConfig(Optional<Path> htpasswd, Optional<TokenConfig> token, List<AccessRule> access) {
    public AuthConfig {
        access = List.copyOf(access);
        if (token.isPresent() && htpasswd.isEmpty()) {
            throw new IllegalArgumentException("auth.token needs auth.htpasswd: the token service checks passwords against it");
        }
    }

    public static AuthConfig none() {
        return new AuthConfig(Optional.empty(), Optional.empty(), List.of());
    }

    public boolean enabled() {
        return htpasswd.isPresent();
    }
}

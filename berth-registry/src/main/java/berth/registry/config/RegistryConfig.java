package berth.registry.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code berth registry serve} needs: where to listen, where the storage lives, TLS, who
 * may do what, whom to notify, and how often to collect garbage. Built from the command line and the
 * optional config file by {@link ConfigFile}.
 *
 * @param host the address to listen on (127.0.0.1 unless told otherwise)
 * @param port the TCP port; 0 picks a free one (tests)
 * @param root the storage root
 * @param tls the certificate and key to serve HTTPS with, or empty for plain HTTP
 * @param auth how clients authenticate and what they may do; {@link AuthConfig#none()} lets everyone do everything
 * @param notifications endpoints that receive push/pull/delete events
 * @param gcInterval how often to collect garbage while serving, or empty for never
 * @param gcGrace    how old an unreferenced blob must be before a collection deletes it (a push's
 *                   blobs wait unreferenced until its manifest comes)
 */
public record RegistryConfig(
        String host,
        int port,
        Path root,
        Optional<TlsConfig> tls,
        AuthConfig auth,
        List<NotificationEndpoint> notifications,
        Optional<Duration> gcInterval,
        Duration gcGrace) {
    public RegistryConfig {
        Objects.requireNonNull(host);
        Objects.requireNonNull(root);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("invalid port " + port + " (0 to 65535)");
        }
        notifications = List.copyOf(notifications);
        if (gcGrace.isNegative()) {
            throw new IllegalArgumentException("gc grace period must not be negative: " + gcGrace);
        }
    }

    public static RegistryConfig plain(String host, int port, Path root) {
        return new RegistryConfig(host, port, root, Optional.empty(), AuthConfig.none(), List.of(), Optional.empty(),
                berth.registry.storage.StorageConfig.defaults().gcGrace());
    }

    public RegistryConfig withTls(TlsConfig t) {
        return new RegistryConfig(host, port, root, Optional.of(t), auth, notifications, gcInterval, gcGrace);
    }

    public RegistryConfig withAuth(AuthConfig a) {
        return new RegistryConfig(host, port, root, tls, a, notifications, gcInterval, gcGrace);
    }

    public RegistryConfig withNotifications(List<NotificationEndpoint> n) {
        return new RegistryConfig(host, port, root, tls, auth, n, gcInterval, gcGrace);
    }
}

package berth.registry.config;

import berth.errors.BerthException;
import berth.registry.storage.StorageConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the registry's YAML config file (JSON is YAML too) into a {@link RegistryConfig}. Relative
 * paths in it are resolved against the file's directory. The shape:
 * <pre>
 * addr: 127.0.0.1:5000
 * storage: {root: /var/lib/berth-registry}
 * tls: {certificate: cert.pem, key: key.pem}
 * auth:
 *   htpasswd: htpasswd
 *   token: {realm: https://host:5000/token, issuer: berth, service: berth-registry, key: token.key, lifetime: 5m}
 *   access:
 *     - {repository: "public/*", anonymousPull: true, pull: ["*"], push: [alice]}
 * notifications:
 *   endpoints:
 *     - {url: http://hooks/registry, headers: {Authorization: [Bearer x]}, timeout: 5s, retries: 5, backoff: 1s}
 * gc: {interval: 24h, grace: 1h}
 * </pre>
 */
public final class ConfigFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private ConfigFile() {}

    /**
     * The config from {@code file} (if any) with the command line's {@code addr} and {@code root}
     * taking precedence when given.
     */
    public static RegistryConfig load(Optional<Path> file, Optional<String> addr, Optional<Path> root) {
        JsonNode doc = file.map(ConfigFile::read).orElse(YAML.createObjectNode());
        Path base = file.map(f -> f.toAbsolutePath().getParent()).orElse(Path.of("").toAbsolutePath());
        String address = addr.or(() -> text(doc, "addr")).orElse("127.0.0.1:5000");
        Path storageRoot = root.or(() -> text(doc.path("storage"), "root").map(base::resolve))
                .orElseThrow(() -> BerthException.invalid("no storage root: pass --root DIR or set storage.root in the config file"));
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw BerthException.invalid("invalid listen address " + address + " (want HOST:PORT, e.g. 127.0.0.1:5000)");
        }
        String host = address.substring(0, colon).replaceAll("^\\[|]$", "");
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw BerthException.invalid("invalid port in listen address " + address, e);
        }
        try {
            return new RegistryConfig(host, port, storageRoot, tls(doc.path("tls"), base), auth(doc.path("auth"), base),
                    notifications(doc.path("notifications")), duration(doc.path("gc"), "interval"),
                    duration(doc.path("gc"), "grace").orElse(StorageConfig.defaults().gcGrace()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw BerthException.invalid("invalid registry config" + file.map(f -> " " + f).orElse("") + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode node = YAML.readTree(Files.readAllBytes(file));
            return node == null || node.isMissingNode() || node.isNull() ? YAML.createObjectNode() : node;
        } catch (IOException e) {
            throw BerthException.invalid("cannot read registry config " + file + ": " + e.getMessage(), e);
        }
    }

    private static Optional<TlsConfig> tls(JsonNode node, Path base) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new TlsConfig(path(node, "certificate", base).orElse(null), path(node, "key", base).orElse(null)));
    }

    private static AuthConfig auth(JsonNode node, Path base) {
        if (node.isMissingNode() || node.isNull()) {
            return AuthConfig.none();
        }
        Optional<TokenConfig> token = Optional.empty();
        JsonNode t = node.path("token");
        if (!t.isMissingNode() && !t.isNull()) {
            token = Optional.of(new TokenConfig(text(t, "realm"), text(t, "issuer").orElse("berth-registry"),
                    text(t, "service").orElse("berth-registry"), path(t, "key", base).orElse(null),
                    duration(t, "lifetime").orElse(Duration.ofMinutes(5))));
        }
        List<AccessRule> rules = new ArrayList<>();
        for (JsonNode r : node.path("access")) {
            rules.add(new AccessRule(text(r, "repository").orElse(null), strings(r.path("pull")), strings(r.path("push")),
                    r.path("anonymousPull").asBoolean(false)));
        }
        return new AuthConfig(path(node, "htpasswd", base), token, rules);
    }

    private static List<NotificationEndpoint> notifications(JsonNode node) {
        List<NotificationEndpoint> out = new ArrayList<>();
        for (JsonNode e : node.path("endpoints")) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            e.path("headers").properties().forEach(h -> headers.put(h.getKey(),
                    h.getValue().isArray() ? List.copyOf(strings(h.getValue())) : List.of(h.getValue().asText())));
            String url = text(e, "url").orElseThrow(() -> new IllegalArgumentException("notifications.endpoints[].url is required"));
            out.add(new NotificationEndpoint(URI.create(url), headers, duration(e, "timeout").orElse(Duration.ofSeconds(5)),
                    e.path("retries").asInt(5), duration(e, "backoff").orElse(Duration.ofSeconds(1))));
        }
        return out;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static Optional<Path> path(JsonNode node, String field, Path base) {
        return text(node, field).map(base::resolve);
    }

    private static Set<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return Set.copyOf(out);
    }

    /** Go-style durations as Docker's config uses them: {@code 500ms}, {@code 5s}, {@code 10m}, {@code 24h}, or combined. */
    static Optional<Duration> duration(JsonNode node, String field) {
        return text(node, field).map(ConfigFile::parseDuration);
    }

    /** Parses a Go-style duration; IllegalArgumentException when it is not one. */
    public static Duration duration(String s) {
        return parseDuration(s);
    }

    static Duration parseDuration(String s) {
        Matcher m = DURATION.matcher(s.strip());
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        if (end == 0 || end != s.strip().length()) {
            throw new IllegalArgumentException("invalid duration " + s + " (e.g. 500ms, 5s, 10m, 24h)");
        }
        return total;
    }
}

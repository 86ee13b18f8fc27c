package berth.api.wire;

import berth.errors.BerthException;
import berth.image.RegistryCredentials;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Registry credentials as clients send them: the {@code X-Registry-Auth} header (base64url of an
 * AuthConfig JSON object) and the body of {@code POST /auth} (the same object, plain).
 *
 * <p>AuthConfig fields: {@code username}, {@code password}, {@code auth} (base64 of {@code user:pass},
 * as config.json stores it), {@code email} (ignored, as dockerd does), {@code serveraddress},
 * {@code identitytoken}, {@code registrytoken}. Decoding is lenient where clients differ (standard or
 * URL-safe alphabet, padding or none, surrounding whitespace) and strict where the value cannot be
 * read: that is a 400 naming the header, not a silent anonymous pull. An absent or empty header, and
 * {@code {}} (what the docker CLI sends for no login, {@code e30=}), mean anonymous.
 */
public final class RegistryAuth {
    public static final String HEADER = "X-Registry-Auth";
    /** {@code POST /build}'s credentials for every registry it may pull FROM images from. */
    public static final String CONFIG_HEADER = "X-Registry-Config";

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private RegistryAuth() {}

    /** Decodes the header's value; null or blank is anonymous. */
    public static RegistryCredentials fromHeader(String header) {
        if (header == null || header.isBlank()) {
            return RegistryCredentials.ANONYMOUS;
        }
        byte[] json = base64(header, HEADER);
        if (new String(json, StandardCharsets.UTF_8).isBlank()) {
            return RegistryCredentials.ANONYMOUS;
        }
        try {
            return fromJson(PLAIN.readTree(json), HEADER + " header");
        } catch (JsonProcessingException e) {
            throw BerthException.invalid("invalid " + HEADER + " header: not an auth configuration in JSON: "
                    + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw BerthException.invalid("invalid " + HEADER + " header: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes {@code X-Registry-Config} ({@code POST /build}): base64url of a JSON object mapping each
     * registry, as config.json names it ({@code https://index.docker.io/v1/}, {@code localhost:5000}), to an
     * AuthConfig. Keys become the registry's host[:port] as image references name it ({@code docker.io} for
     * Docker Hub). Absent, empty and {@code {}} (the docker CLI's {@code e30=}) mean no credentials.
     */
    public static java.util.Map<String, RegistryCredentials> fromConfigHeader(String header) {
        java.util.Map<String, RegistryCredentials> out = new java.util.LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return out;
        }
        byte[] json = base64(header, CONFIG_HEADER);
        if (new String(json, StandardCharsets.UTF_8).isBlank()) {
            return out;
        }
        JsonNode root;
        try {
            root = PLAIN.readTree(json);
        } catch (java.io.IOException e) {
            throw BerthException.invalid("invalid " + CONFIG_HEADER + " header: not a JSON object of auth configurations", e);
        }
        if (root == null || root.isNull()) {
            return out;
        }
        if (!root.isObject()) {
            throw BerthException.invalid("invalid " + CONFIG_HEADER + " header: expected a JSON object of registry → auth configuration");
        }
        for (var e : root.properties()) {
            out.put(registryHost(e.getKey()), fromJson(e.getValue(), CONFIG_HEADER + " header (" + e.getKey() + ")"));
        }
        return out;
    }

    /** {@code https://index.docker.io/v1/} → {@code docker.io}; {@code http://localhost:5000/} → {@code localhost:5000}. */
    static String registryHost(String key) {
        String host = key.strip().replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        return switch (host) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> berth.image.ImageReference.DEFAULT_DOMAIN;
            default -> host;
        };
    }

    /** A header's value as bytes: base64 in the standard or URL-safe alphabet, padded or not. */
    private static byte[] base64(String header, String name) {
        String s = header.strip().replace('+', '-').replace('/', '_');
        try {
            // the URL decoder takes the padding or its absence alike
            return Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw BerthException.invalid("invalid " + name + " header: not base64: " + e.getMessage(), e);
        }
    }

    /** Reads an AuthConfig object (the {@code POST /auth} body, or a decoded header). */
    public static RegistryCredentials fromJson(JsonNode node, String what) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return RegistryCredentials.ANONYMOUS;
        }
        if (!node.isObject()) {
            throw BerthException.invalid("invalid " + what + ": expected a JSON object with username, password and serveraddress");
        }
        String username = text(node, "username", what);
        String password = text(node, "password", what);
        String auth = text(node, "auth", what);
        if (!auth.isEmpty() && username.isEmpty() && password.isEmpty()) {
            String[] userPass = basicAuth(auth, what);
            username = userPass[0];
            password = userPass[1];
        }
        return new RegistryCredentials(username, password, text(node, "identitytoken", what),
                text(node, "registrytoken", what), text(node, "serveraddress", what));
    }

    /** The {@code auth} field: base64 of {@code user:password}. */
    private static String[] basicAuth(String auth, String what) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(auth.strip().replace('-', '+').replace('_', '/')),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw BerthException.invalid("invalid " + what + ": the auth field is not base64", e);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw BerthException.invalid("invalid " + what + ": the auth field is not base64 of user:password");
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    /** Field names are matched case-insensitively, as Go's encoding/json does. */
    private static String text(JsonNode node, String field, String what) {
        var it = node.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getKey().equalsIgnoreCase(field)) {
                JsonNode v = e.getValue();
                if (v == null || v.isNull()) {
                    return "";
                }
                if (!v.isTextual()) {
                    throw BerthException.invalid("invalid " + what + ": " + field + " must be a string");
                }
                return v.asText();
            }
        }
        return "";
    }
}

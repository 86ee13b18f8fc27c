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

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private RegistryAuth() {}

    /** Decodes the header's value; null or blank is anonymous. */
    public static RegistryCredentials fromHeader(String header) {
        if (header == null || header.isBlank()) {
            return RegistryCredentials.ANONYMOUS;
        }
        String s = header.strip().replace('+', '-').replace('/', '_');
        byte[] json;
        try {
            // the URL decoder takes the padding or its absence alike
            json = Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw BerthException.invalid("invalid " + HEADER + " header: not base64: " + e.getMessage(), e);
        }
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

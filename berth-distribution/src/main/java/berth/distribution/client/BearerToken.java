package berth.distribution.client;

import berth.errors.BerthException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * A token from a registry's token service: {@code {"token"|"access_token", "expires_in", "issued_at",
 * "refresh_token"}}. Tokens without {@code expires_in} live 60 seconds, the spec's minimum.
 *
 * @param refreshToken what {@code docker login} keeps as the identity token, when the service issued one
 */
public record BearerToken(String token, Instant expires, Optional<String> refreshToken) {
    static final int MAX_RESPONSE_BYTES = 1024 * 1024;
    private static final long DEFAULT_LIFETIME_SECONDS = 60;
    /** A token is not used in its last seconds, so a request does not reach the registry expired. */
    private static final long MARGIN_SECONDS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses a token service's answer received at {@code now}. INVALID_ARGUMENT when it holds no token. */
    public static BearerToken parse(byte[] body, Instant now) {
        if (body.length > MAX_RESPONSE_BYTES) {
            throw BerthException.invalid("token response exceeds " + MAX_RESPONSE_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw BerthException.invalid("invalid token response: malformed JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw BerthException.invalid("invalid token response: not a JSON object");
        }
        String token = text(root, "token").or(() -> text(root, "access_token"))
                .orElseThrow(() -> BerthException.invalid("invalid token response: no token or access_token"));
        long lifetime = root.path("expires_in").canConvertToLong() && root.path("expires_in").longValue() > 0
                ? root.path("expires_in").longValue() : DEFAULT_LIFETIME_SECONDS;
        return new BearerToken(token, now.plusSeconds(Math.min(lifetime, 365L * 24 * 3600)), text(root, "refresh_token"));
    }

    public boolean usableAt(Instant now) {
        return now.isBefore(expires.minusSeconds(MARGIN_SECONDS));
    }

    private static Optional<String> text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n != null && n.isTextual() && !n.textValue().isEmpty() ? Optional.of(n.textValue()) : Optional.empty();
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "BearerToken[expires=" + expires + "]";
    }
}

package berth.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bearer tokens as Docker's token authentication specifies them: a JWT (HS256 here) whose claims are
 * {@code iss}, {@code sub}, {@code aud} (the service), {@code exp}/{@code nbf}/{@code iat}, {@code jti}
 * and {@code access}: a list of {@code {type, name, actions}}. The registry issues and checks them with
 * the same key, so nothing else needs to know it.
 */
public final class Tokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    /** Clocks of token service and registry are one here, but clients' retries straddle a second. */
    private static final Duration LEEWAY = Duration.ofSeconds(30);

    private final byte[] key;
    private final String issuer;
    private final String service;
    private final Duration lifetime;

    public Tokens(byte[] key, String issuer, String service, Duration lifetime) {
        if (key.length < 32) {
            throw new IllegalArgumentException("token signing key must be at least 32 bytes, has " + key.length);
        }
        this.key = key.clone();
        this.issuer = issuer;
        this.service = service;
        this.lifetime = lifetime;
    }

    /** A verified token's subject (empty: anonymous) and what it grants. */
    public record Grant(Optional<String> subject, List<Access> access) {
        public Grant {
            access = List.copyOf(access);
        }

        public boolean allows(Access required) {
            return access.stream().anyMatch(a -> a.sameResource(required)
                    && (a.actions().contains("*") || a.actions().containsAll(required.actions())));
        }
    }

    public Duration lifetime() {
        return lifetime;
    }

    public String service() {
        return service;
    }

    public String issue(Optional<String> subject, List<Access> access, Instant now) {
        ObjectNode header = JSON.createObjectNode().put("alg", "HS256").put("typ", "JWT");
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", issuer)
                .put("sub", subject.orElse(""))
                .put("aud", service)
                .put("exp", now.plus(lifetime).getEpochSecond())
                .put("nbf", now.getEpochSecond())
                .put("iat", now.getEpochSecond())
                .put("jti", UUID.randomUUID().toString());
        ArrayNode list = claims.putArray("access");
        for (Access a : access) {
            ObjectNode entry = list.addObject().put("type", a.type()).put("name", a.name());
            ArrayNode actions = entry.putArray("actions");
            a.actions().stream().sorted().forEach(actions::add);
        }
        String signingInput = B64.encodeToString(bytes(header)) + "." + B64.encodeToString(bytes(claims));
        return signingInput + "." + B64.encodeToString(sign(signingInput));
    }

    /** The token's grant, or empty when it is malformed, signed with another key, for another service, or expired. */
    public Optional<Grant> verify(String token, Instant now) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = JSON.readTree(B64D.decode(parts[0]));
            if (!"HS256".equals(header.path("alg").asText())) {
                return Optional.empty();
            }
            byte[] signature = B64D.decode(parts[2]);
            if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
                return Optional.empty();
            }
            JsonNode claims = JSON.readTree(B64D.decode(parts[1]));
            if (!issuer.equals(claims.path("iss").asText()) || !audienceMatches(claims.path("aud"))) {
                return Optional.empty();
            }
            long epoch = now.getEpochSecond();
            if (claims.path("exp").asLong(0) + LEEWAY.toSeconds() < epoch || claims.path("nbf").asLong(0) - LEEWAY.toSeconds() > epoch) {
                return Optional.empty();
            }
            List<Access> access = new ArrayList<>();
            for (JsonNode a : claims.path("access")) {
                List<String> actions = new ArrayList<>();
                a.path("actions").forEach(v -> actions.add(v.asText()));
                access.add(new Access(a.path("type").asText(), a.path("name").asText(), Set.copyOf(actions)));
            }
            String sub = claims.path("sub").asText("");
            return Optional.of(new Grant(sub.isEmpty() ? Optional.empty() : Optional.of(sub), access));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private boolean audienceMatches(JsonNode aud) {
        if (aud.isArray()) {
            for (JsonNode a : aud) {
                if (service.equals(a.asText())) {
                    return true;
                }
            }
            return false;
        }
        return service.equals(aud.asText());
    }

    private byte[] sign(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

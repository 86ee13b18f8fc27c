package berth.registry.auth;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Optional;

/**
 * Decides whether a request may have the access it needs, from its {@code Authorization} header.
 * Three modes: open (no htpasswd: everyone may do everything), Basic (htpasswd checked on every
 * request; an anonymous request that needs more than the policy grants anonymity gets a 401 Basic
 * challenge, a known user a 403), and token (only bearer tokens from {@link Tokens}; anything short of
 * the needed scope gets a 401 Bearer challenge naming that scope, as Docker's clients expect).
 */
public final class Authenticator {
    static final String BASIC_REALM = "berth-registry";

    private final Optional<Htpasswd> users;
    private final AccessPolicy policy;
    private final Optional<Tokens> tokens;
    private final InstantSource clock;

    private Authenticator(Optional<Htpasswd> users, AccessPolicy policy, Optional<Tokens> tokens, InstantSource clock) {
        this.users = users;
        this.policy = policy;
        this.tokens = tokens;
        this.clock = clock;
    }

    public static Authenticator open() {
        return new Authenticator(Optional.empty(), new AccessPolicy(java.util.List.of()), Optional.empty(), InstantSource.system());
    }

    public static Authenticator basic(Htpasswd users, AccessPolicy policy) {
        return new Authenticator(Optional.of(users), policy, Optional.empty(), InstantSource.system());
    }

    public static Authenticator token(Htpasswd users, AccessPolicy policy, Tokens tokens, InstantSource clock) {
        return new Authenticator(Optional.of(users), policy, Optional.of(tokens), clock);
    }

    public boolean enabled() {
        return users.isPresent();
    }

    public Optional<Tokens> tokens() {
        return tokens;
    }

    public AccessPolicy policy() {
        return policy;
    }

    /**
     * Checks a request. {@code required} empty means "any authenticated caller" (the {@code /v2/} base);
     * {@code realm} is the token endpoint URL for challenges.
     */
    public Decision check(Optional<String> authorization, Optional<Access> required, String realm) {
        if (users.isEmpty()) {
            return new Decision.Allowed(Optional.empty());
        }
        return tokens.isPresent()
                ? checkToken(tokens.get(), authorization, required, realm)
                : checkBasic(authorization, required);
    }

    /** The Basic credentials' user when they are right; empty when absent; failure when wrong. */
    public BasicResult basicUser(Optional<String> authorization) {
        if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, "Basic ", 0, 6)) {
            return new BasicResult(Optional.empty(), false);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.get().substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new BasicResult(Optional.empty(), true);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || users.isEmpty() || !users.get().authenticate(decoded.substring(0, colon), decoded.substring(colon + 1))) {
            return new BasicResult(Optional.empty(), true);
        }
        return new BasicResult(Optional.of(decoded.substring(0, colon)), false);
    }

    /** Checks a user name and password against the htpasswd file (the token service's password grant). */
    public boolean authenticate(String user, String password) {
        return users.isPresent() && users.get().authenticate(user, password);
    }

    /** A Basic check's user, or {@code failed} when credentials were sent and are wrong. */
    public record BasicResult(Optional<String> user, boolean failed) {}

    private Decision checkBasic(Optional<String> authorization, Optional<Access> required) {
        String challenge = "Basic realm=\"" + BASIC_REALM + "\"";
        BasicResult who = basicUser(authorization);
        if (who.failed()) {
            return new Decision.Unauthorized(challenge, "authentication required: wrong user name or password");
        }
        if (required.isEmpty()) {
            return who.user().isPresent() ? new Decision.Allowed(who.user())
                    : new Decision.Unauthorized(challenge, "authentication required");
        }
        Access need = required.get();
        if (policy.grant(who.user(), need).containsAll(need.actions())) {
            return new Decision.Allowed(who.user());
        }
        if (who.user().isEmpty()) {
            return new Decision.Unauthorized(challenge, "authentication required");
        }
        return new Decision.Denied("requested access to the resource is denied");
    }

    private Decision checkToken(Tokens t, Optional<String> authorization, Optional<Access> required, String realm) {
        StringBuilder challenge = new StringBuilder("Bearer realm=\"").append(realm).append("\",service=\"").append(t.service()).append('"');
        required.ifPresent(a -> challenge.append(",scope=\"").append(a.scope()).append('"'));
        if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Decision.Unauthorized(challenge.toString(), "authentication required");
        }
        Optional<Tokens.Grant> grant = t.verify(authorization.get().substring(7).strip(), clock.instant());
        if (grant.isEmpty()) {
            return new Decision.Unauthorized(challenge.append(",error=\"invalid_token\"").toString(), "authentication required: invalid or expired token");
        }
        if (required.isEmpty() || grant.get().allows(required.get())) {
            return new Decision.Allowed(grant.get().subject());
        }
        return new Decision.Unauthorized(challenge.append(",error=\"insufficient_scope\"").toString(),
                "requested access to the resource is denied");
    }
}

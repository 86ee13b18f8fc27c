package berth.registry.server;

import berth.registry.auth.Access;
import berth.registry.auth.Authenticator;
import berth.registry.auth.Tokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The token service, {@code GET /token?service=…&scope=…}: checks optional Basic credentials against
 * the htpasswd file and answers a token granting each requested scope's actions that the access rules
 * allow (possibly none: the registry then challenges again). Wrong credentials get 401; no credentials
 * get an anonymous token. {@link #post} is the OAuth2 password grant of the same service.
 */
final class TokenRoute {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Authenticator auth;
    private final Tokens tokens;
    private final InstantSource clock;

    TokenRoute(Authenticator auth, Tokens tokens, InstantSource clock) {
        this.auth = auth;
        this.tokens = tokens;
        this.clock = clock;
    }

    Response get(Exchange ex) throws IOException {
        Authenticator.BasicResult who = auth.basicUser(ex.header(HttpHeaderNames.AUTHORIZATION));
        if (who.failed()) {
            return RegistryErrors.unauthorized("Basic realm=\"berth-registry\"", "authentication required: wrong user name or password");
        }
        Optional<String> service = ex.query("service");
        if (service.isPresent() && !service.get().equals(tokens.service())) {
            return RegistryErrors.error(HttpResponseStatus.BAD_REQUEST, "UNSUPPORTED",
                    "unknown service " + service.get() + " (this token service is for " + tokens.service() + ")");
        }
        return issue(who.user(), ex.queryParameters().getOrDefault("scope", List.of()), false);
    }

    /**
     * The OAuth2 form, {@code POST /token} with {@code grant_type=password}, as containerd sends it when
     * it has credentials. Refresh tokens are not issued, so their grant is refused (clients then GET).
     */
    Response post(Exchange ex) throws IOException {
        byte[] form = ex.body().readNBytes(64 * 1024);
        Map<String, List<String>> params = new QueryStringDecoder("?" + new String(form, StandardCharsets.UTF_8)).parameters();
        String grant = first(params, "grant_type");
        if (!grant.equals("password")) {
            return oauthError("unsupported_grant_type", "grant_type " + grant + " is not supported (use password)");
        }
        String user = first(params, "username");
        if (!auth.authenticate(user, first(params, "password"))) {
            return RegistryErrors.unauthorized("Basic realm=\"berth-registry\"", "authentication required: wrong user name or password");
        }
        Optional<String> service = Optional.ofNullable(params.get("service")).map(List::getFirst);
        if (service.isPresent() && !service.get().equals(tokens.service())) {
            return oauthError("invalid_request", "unknown service " + service.get());
        }
        return issue(Optional.of(user), params.getOrDefault("scope", List.of()), true);
    }

    private Response issue(Optional<String> user, List<String> scopeParams, boolean oauth) throws IOException {
        List<Access> granted = new ArrayList<>();
        for (String param : scopeParams) {
            for (String scope : param.split(" ")) {
                if (scope.isBlank()) {
                    continue;
                }
                Access wanted;
                try {
                    wanted = Access.parse(scope);
                } catch (IllegalArgumentException e) {
                    return RegistryErrors.error(HttpResponseStatus.BAD_REQUEST, "UNSUPPORTED", e.getMessage());
                }
                granted.add(wanted.withActions(auth.policy().grant(user, wanted)));
            }
        }
        Instant now = clock.instant();
        String token = tokens.issue(user, granted, now);
        ObjectNode body = JSON.createObjectNode();
        if (!oauth) {
            body.put("token", token);
        }
        body.put("access_token", token)
                .put("expires_in", tokens.lifetime().toSeconds())
                .put("issued_at", now.toString());
        if (oauth) {
            body.put("scope", String.join(" ", granted.stream().map(Access::scope).toList()));
        }
        return Response.json(HttpResponseStatus.OK, JSON.writeValueAsBytes(body));
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? "" : v.getFirst();
    }

    private static Response oauthError(String error, String description) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("error", error).put("error_description", description);
        return Response.json(HttpResponseStatus.BAD_REQUEST, JSON.writeValueAsBytes(body));
    }
}

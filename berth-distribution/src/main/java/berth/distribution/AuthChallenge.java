package berth.distribution;

import berth.errors.BerthException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235): a scheme and its parameters. A
 * registry answers 401 with {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io"}
 * (the client then asks the realm for a token) or with {@code Basic realm="…"} (the client sends
 * its credentials directly).
 *
 * @param scheme lower case: {@code bearer}, {@code basic}
 * @param params parameter names in lower case, values unquoted and unescaped; a token68 credential
 *               ({@code Negotiate abc==}) is kept under the name {@code token68}
 */
public record AuthChallenge(String scheme, Map<String, String> params) {
    public static final String BEARER = "bearer";
    public static final String BASIC = "basic";
    private static final int MAX_HEADER = 16 * 1024;

    public AuthChallenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        params = Map.copyOf(params);
    }

    public Optional<String> realm() {
        return Optional.ofNullable(params.get("realm"));
    }

    public Optional<String> service() {
        return Optional.ofNullable(params.get("service"));
    }

    /** The scopes the registry asked for, if it named any. */
    public List<Scope> scopes() {
        String scope = params.get("scope");
        return scope == null ? List.of() : Scope.parseAll(scope);
    }

    /** Parses every challenge of the given header values (a response may send the header several times). */
    public static List<AuthChallenge> parseAll(Collection<String> headerValues) {
        List<AuthChallenge> result = new ArrayList<>();
        for (String value : headerValues) {
            result.addAll(parse(value));
        }
        return result;
    }

    /**
     * Parses one header value, which may hold several challenges separated by commas. INVALID_ARGUMENT
     * on malformed input (an unterminated quoted string, a parameter without a scheme).
     */
    public static List<AuthChallenge> parse(String header) {
        if (header == null) {
            return List.of();
        }
        if (header.length() > MAX_HEADER) {
            throw BerthException.invalid("invalid WWW-Authenticate header: longer than " + MAX_HEADER + " characters");
        }
        return new Reader(header).challenges();
    }

    /**
     * The URL to ask this Bearer challenge's realm for a token covering {@code scopes} (merged with
     * any the challenge itself named): {@code realm?service=…&scope=…&scope=…}.
     */
    public URI tokenUri(Collection<Scope> scopes) {
        if (!scheme.equals(BEARER)) {
            throw BerthException.invalid("a token is requested only for a Bearer challenge, not " + scheme);
        }
        String realm = realm().orElseThrow(() -> BerthException.invalid("invalid Bearer challenge: no realm"));
        URI realmUri;
        try {
            realmUri = new URI(realm);
        } catch (URISyntaxException e) {
            throw BerthException.invalid("invalid Bearer challenge: realm is not a URL: " + realm, e);
        }
        String uriScheme = realmUri.getScheme() == null ? "" : realmUri.getScheme().toLowerCase(Locale.ROOT);
        if (!(uriScheme.equals("https") || uriScheme.equals("http")) || realmUri.getHost() == null
                || realmUri.getFragment() != null) {
            throw BerthException.invalid("invalid Bearer challenge: realm must be an http(s) URL, got " + realm);
        }
        List<Scope> all = new ArrayList<>(scopes());
        all.addAll(scopes);
        StringBuilder query = new StringBuilder();
        service().ifPresent(s -> append(query, "service", s));
        for (Scope scope : Scope.merge(all)) {
            append(query, "scope", scope.toString());
        }
        if (query.isEmpty()) {
            return realmUri;
        }
        String existing = realmUri.getRawQuery();
        String separator = existing == null || existing.isEmpty() ? "?" : "&";
        return URI.create(realm + (realm.endsWith("?") ? "" : separator) + query);
    }

    private static void append(StringBuilder query, String key, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(key).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    /** A small cursor over the header: RFC 7235's grammar with RFC 7230 tokens and quoted strings. */
    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        List<AuthChallenge> challenges() {
            List<AuthChallenge> result = new ArrayList<>();
            String scheme = null;
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                skipSpacesAndCommas();
                if (pos >= s.length()) {
                    break;
                }
                String token = token();
                if (token.isEmpty()) {
                    throw error("unexpected character '" + s.charAt(pos) + "' at " + pos);
                }
                int afterToken = pos;
                skipSpaces();
                if (pos < s.length() && s.charAt(pos) == '=' && scheme != null) {
                    if (params.containsKey("token68")) {
                        throw error("parameter " + token + " after a token68 credential");
                    }
                    pos++;
                    skipSpaces();
                    boolean isQuoted = pos < s.length() && s.charAt(pos) == '"';
                    String value = isQuoted ? quoted() : token();
                    if (!isQuoted && value.isEmpty()) {
                        throw error("parameter " + token + " has no value");
                    }
                    String name = token.toLowerCase(Locale.ROOT);
                    if (params.containsKey(name)) {
                        throw error("parameter " + name + " given twice");
                    }
                    params.put(name, value);
                    expectSeparator();
                    continue;
                }
                if (pos < s.length() && s.charAt(pos) == '=' && scheme == null) {
                    throw error("parameter " + token + " before any scheme");
                }
                // a new scheme: close the challenge before it
                if (scheme != null) {
                    result.add(new AuthChallenge(scheme, params));
                    params = new LinkedHashMap<>();
                }
                scheme = token;
                pos = afterToken;
                skipSpaces();
                if (pos < s.length() && s.charAt(pos) != ',' && startsToken68()) {
                    params.put("token68", token68());
                    expectSeparator();
                }
            }
            if (scheme != null) {
                result.add(new AuthChallenge(scheme, params));
            }
            return result;
        }

        // token68 ("Negotiate abc==") directly after a scheme: token68 characters, '=' padding, then the end or a comma
        private boolean startsToken68() {
            int p = pos;
            while (p < s.length() && isToken68Char(s.charAt(p))) {
                p++;
            }
            if (p == pos) {
                return false;
            }
            while (p < s.length() && s.charAt(p) == '=') {
                p++;
            }
            while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
                p++;
            }
            return p >= s.length() || s.charAt(p) == ',';
        }

        private String token68() {
            int start = pos;
            while (pos < s.length() && (isToken68Char(s.charAt(pos)) || s.charAt(pos) == '=')) {
                pos++;
            }
            return s.substring(start, pos);
        }

        private String token() {
            int start = pos;
            while (pos < s.length() && isTokenChar(s.charAt(pos))) {
                pos++;
            }
            return s.substring(start, pos);
        }

        private String quoted() {
            StringBuilder value = new StringBuilder();
            pos++; // opening quote
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    if (pos >= s.length()) {
                        break;
                    }
                    c = s.charAt(pos++);
                }
                value.append(c);
            }
            throw error("unterminated quoted string");
        }

        private void expectSeparator() {
            skipSpaces();
            if (pos < s.length() && s.charAt(pos) != ',') {
                throw error("expected ',' at " + pos + " but found '" + s.charAt(pos) + "'");
            }
        }

        private void skipSpaces() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private void skipSpacesAndCommas() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == ',')) {
                pos++;
            }
        }

        private BerthException error(String what) {
            return BerthException.invalid("invalid WWW-Authenticate header: " + what + ": " + s);
        }

        private static boolean isTokenChar(char c) {
            return c < 127 && c > 32 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
        }

        private static boolean isToken68Char(char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~+/".indexOf(c) >= 0;
        }
    }
}

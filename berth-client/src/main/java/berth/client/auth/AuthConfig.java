package berth.client.auth;

import berth.client.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/**
 * Credentials for one registry, as sent to the daemon: in {@code X-Registry-Auth} (base64url of the
 * JSON, padded as Go's URLEncoding writes it) or as the body of {@code POST /auth}. Empty fields are
 * left out, as the docker CLI's omitempty does; no credentials at all encode as {@code {}} ({@code e30=}).
 */
public record AuthConfig(String username, String password, String identityToken, String serverAddress) {
    public static final AuthConfig ANONYMOUS = new AuthConfig("", "", "", "");

    public AuthConfig {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        identityToken = identityToken == null ? "" : identityToken;
        serverAddress = serverAddress == null ? "" : serverAddress;
    }

    public boolean isAnonymous() {
        return username.isEmpty() && password.isEmpty() && identityToken.isEmpty();
    }

    public AuthConfig withServerAddress(String address) {
        return new AuthConfig(username, password, identityToken, address);
    }

    /** The JSON object, lower-case keys as the Engine API names them. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        put(o, "username", username);
        put(o, "password", password);
        put(o, "serveraddress", serverAddress);
        put(o, "identitytoken", identityToken);
        return o;
    }

    /** The {@code X-Registry-Auth} value: {@code e30=} when anonymous, as the docker CLI sends it. */
    public String toHeader() {
        ObjectNode json = isAnonymous() ? Json.object() : toJson();
        return Base64.getUrlEncoder().encodeToString(Json.bytes(json));
    }

    private static void put(ObjectNode o, String key, String value) {
        if (!value.isEmpty()) {
            o.put(key, value);
        }
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "AuthConfig[username=" + username + ", serverAddress=" + serverAddress + "]";
    }
}

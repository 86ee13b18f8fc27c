package berth.image;

import java.util.Optional;

/**
 * Credentials for one registry, as a client sends them in {@code X-Registry-Auth} or {@code POST /auth}:
 * a username and password, or an identity token (an OAuth refresh token a login returned), or a
 * registry token to use as-is as a bearer token. Everything may be empty (anonymous).
 */
public record RegistryCredentials(String username, String password, String identityToken, String registryToken,
                                  String serverAddress) {
    public static final RegistryCredentials ANONYMOUS = new RegistryCredentials("", "", "", "", "");

    public RegistryCredentials {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        identityToken = identityToken == null ? "" : identityToken;
        registryToken = registryToken == null ? "" : registryToken;
        serverAddress = serverAddress == null ? "" : serverAddress;
    }

    public boolean isAnonymous() {
        return username.isEmpty() && password.isEmpty() && identityToken.isEmpty() && registryToken.isEmpty();
    }

    /** Never prints the secret parts. */
    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", serverAddress=" + serverAddress + "]";
    }

    public Optional<String> user() {
        return username.isEmpty() ? Optional.empty() : Optional.of(username);
    }
}

package berth.client.auth;

import java.util.Locale;
import java.util.Set;

/**
 * Which registry a reference names, and the key its credentials are stored under in config.json, as
 * the docker CLI decides them: Docker Hub is always {@value #INDEX_SERVER}; any other registry is its
 * host name ({@code https://127.0.0.1:5000/v2/} and {@code 127.0.0.1:5000} are one key).
 */
public final class RegistryKeys {
    /** Docker Hub's key, what {@code docker login} with no server stores. */
    public static final String INDEX_SERVER = "https://index.docker.io/v1/";
    private static final Set<String> HUB_HOSTS = Set.of("docker.io", "index.docker.io", "registry-1.docker.io");

    private RegistryKeys() {}

    /**
     * The registry host of an image reference, as Docker splits it: the first path component when it
     * looks like a host (has a dot or a colon, or is {@code localhost}), else {@code docker.io}.
     */
    public static String registryOf(String reference) {
        int slash = reference.indexOf('/');
        if (slash < 0) {
            return "docker.io";
        }
        String first = reference.substring(0, slash);
        boolean host = first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.toLowerCase(Locale.ROOT).equals(first);
        return host ? first : "docker.io";
    }

    /** The config.json key for a registry given as a host, an address or a URL. */
    public static String serverKey(String registry) {
        if (registry == null || registry.isBlank()) {
            return INDEX_SERVER;
        }
        String host = hostname(registry.strip());
        return HUB_HOSTS.contains(host.toLowerCase(Locale.ROOT)) ? INDEX_SERVER : host;
    }

    /** Whether a key of config.json stands for the given registry key (older files keep URLs or variants). */
    static boolean sameRegistry(String storedKey, String key) {
        return serverKey(storedKey).equals(key);
    }

    /** docker's ConvertToHostname: the scheme and any path dropped. */
    public static String hostname(String address) {
        String s = address;
        if (s.startsWith("http://")) {
            s = s.substring("http://".length());
        } else if (s.startsWith("https://")) {
            s = s.substring("https://".length());
        }
        int slash = s.indexOf('/');
        return slash < 0 ? s : s.substring(0, slash);
    }
}

package berth.cli;

import berth.client.DaemonAddress;
import java.util.Map;

/**
 * Which daemon the CLI talks to: the {@code -H} flag, else {@code BERTH_HOST}, else {@code
 * DOCKER_HOST} (so a shell set up for docker also works), else the default socket.
 */
public final class HostResolver {
    private HostResolver() {}

    /** The chosen host string, before parsing. */
    public static String choose(String flag, Map<String, String> env) {
        for (String candidate : new String[] {flag, env.get("BERTH_HOST"), env.get("DOCKER_HOST")}) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.strip();
            }
        }
        return DaemonAddress.DEFAULT_HOST;
    }

    /** @throws berth.client.ClientException for a host that is not a unix socket */
    public static DaemonAddress resolve(String flag, Map<String, String> env) {
        return DaemonAddress.parse(choose(flag, env));
    }
}

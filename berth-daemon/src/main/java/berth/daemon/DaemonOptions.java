package berth.daemon;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The daemon's settings after flag parsing, named like dockerd's flags.
 *
 * @param socket       the unix socket to serve the API on
 * @param runtime      "runc" or "crun"; empty: runc where crun cannot run here
 * @param experimental {@code --experimental}: the daemon says so in its ping and /version, which the docker
 *                     CLI requires before it sends {@code build --squash}
 * @param logDefaults  {@code --log-driver}/{@code --log-opt} (or daemon.json's log-driver/log-opts): what a
 *                     container gets when it names no log driver
 */
public record DaemonOptions(Path socket, Path dataRoot, Path execRoot, Optional<String> runtime,
                            String logLevel, Optional<Path> pidfile, Networking networking, Registries registries,
                            boolean experimental, berth.logs.driver.LogConfig logDefaults) {

    /**
     * dockerd's registry flags: {@code --registry-mirror URL} (tried before Docker Hub, in order) and
     * {@code --insecure-registry HOST[:PORT]|CIDR} (TLS without certificate checks, then plain HTTP;
     * loopback always is).
     */
    public record Registries(List<String> mirrors, List<String> insecure) {
        public static final Registries DEFAULT = new Registries(List.of(), List.of());

        public Registries {
            mirrors = List.copyOf(mirrors);
            insecure = List.copyOf(insecure);
        }
    }

    /**
     * dockerd's networking flags.
     *
     * @param bridge       the default bridge's Linux bridge ({@code --bridge}); "none": no default bridge,
     *                     containers get only a loopback unless they name a network
     * @param iptables     {@code --iptables}: false leaves the packet filter alone (no masquerade, no
     *                     published ports)
     * @param chainPrefix  the prefix of berth's iptables chains, so several daemons can share a host
     */
    public record Networking(String bridge, boolean iptables, String chainPrefix) {
        public static final Networking DEFAULT = new Networking("berth0", true, "BERTH");
    }
}

package berth.daemon;

import berth.errors.BerthException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth daemon}: parses dockerd-style flags and runs the daemon until SIGTERM/SIGINT. */
@Command(name = "berth daemon", mixinStandardHelpOptions = true,
        description = "Run the berth daemon: the Docker Engine API on a unix socket.")
public final class DaemonMain implements Callable<Integer> {
    static final String DEFAULT_HOST = "unix:///run/berth/berth.sock";

    @Option(names = {"-H", "--host"}, description = "Socket to listen on (default: ${DEFAULT-VALUE})",
            defaultValue = DEFAULT_HOST)
    String host;

    @Option(names = "--data-root", description = "Root of persistent state (default: ${DEFAULT-VALUE})",
            defaultValue = "/var/lib/berth")
    Path dataRoot;

    @Option(names = "--exec-root", description = "Root of run-time state (default: ${DEFAULT-VALUE})",
            defaultValue = "/run/berth")
    Path execRoot;

    @Option(names = "--runtime", description = "OCI runtime: runc or crun (default: runc where crun cannot run)")
    String runtime;

    @Option(names = {"-l", "--log-level"}, description = "debug, info, warn, error or fatal (default: ${DEFAULT-VALUE})",
            defaultValue = "info")
    String logLevel;

    @Option(names = {"-p", "--pidfile"}, description = "Write the daemon's pid to this file")
    Path pidfile;

    @Option(names = {"-b", "--bridge"}, description = "Linux bridge of the default bridge network; none: no default "
            + "bridge (default: ${DEFAULT-VALUE})", defaultValue = "berth0")
    String bridge;

    @Option(names = "--iptables", arity = "0..1", fallbackValue = "true", defaultValue = "true",
            description = "Add iptables rules for masquerading, isolation and published ports (default: ${DEFAULT-VALUE})")
    boolean iptables;

    @Option(names = "--iptables-chains", defaultValue = "BERTH",
            description = "Prefix of berth's iptables chains, to run several daemons on one host (default: ${DEFAULT-VALUE})")
    String chainPrefix;

    @Option(names = "--registry-mirror", paramLabel = "URL",
            description = "A mirror of Docker Hub, tried before it (repeatable)")
    java.util.List<String> registryMirrors = new java.util.ArrayList<>();

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]|CIDR",
            description = "A registry reached without TLS verification, or over plain HTTP (repeatable; loopback always is)")
    java.util.List<String> insecureRegistries = new java.util.ArrayList<>();

    @Option(names = "--experimental", description = "Enable experimental features (the docker CLI's build --squash asks for them)")
    boolean experimental;

    public static void main(String[] args) {
        int code = new CommandLine(new DaemonMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        DaemonOptions options;
        try {
            options = new DaemonOptions(parseHost(host), dataRoot.toAbsolutePath(), execRoot.toAbsolutePath(),
                    Optional.ofNullable(runtime).map(r -> r.toLowerCase(Locale.ROOT)),
                    logLevel.toLowerCase(Locale.ROOT), Optional.ofNullable(pidfile),
                    new DaemonOptions.Networking(networkName("--bridge", bridge), iptables,
                            networkName("--iptables-chains", chainPrefix)),
                    new DaemonOptions.Registries(registryMirrors, insecureRegistries), experimental);
            // refused here, before anything is set up, in dockerd's words
            berth.distribution.RegistryHosts.of(registryMirrors, insecureRegistries, berth.distribution.RegistryHosts.NO_DNS);
            DaemonLogging.configure(options.logLevel());
        } catch (BerthException e) {
            System.err.println("berth daemon: " + e.getMessage());
            return 1;
        }
        Daemon daemon;
        try {
            daemon = Daemon.start(options);
        } catch (BerthException e) {
            System.err.println("berth daemon: " + e.getMessage());
            return 1;
        }
        daemon.awaitShutdown();
        return 0;
    }

    /** A bridge or chain name: what the kernel and iptables accept (15 characters for an interface). */
    static String networkName(String flag, String value) {
        if (!value.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}")) {
            throw BerthException.invalid("invalid " + flag + " \"" + value
                    + "\": 1 to 15 of [A-Za-z0-9_.-], starting with a letter or digit");
        }
        return value;
    }

    /** unix:// only: the API is unauthenticated, so TCP waits for mutual TLS (a later issue). */
    static Path parseHost(String host) {
        if (host.startsWith("unix://")) {
            String path = host.substring("unix://".length());
            if (path.isEmpty() || !path.startsWith("/")) {
                throw BerthException.invalid("invalid host \"" + host + "\": expected unix:///absolute/path");
            }
            return Path.of(path);
        }
        if (host.startsWith("/")) {
            return Path.of(host);
        }
        if (host.startsWith("tcp://") || host.startsWith("fd://") || host.matches("[^/]*:\\d+")) {
            throw BerthException.invalid("refusing to listen on \"" + host + "\": berth serves its API on TCP only"
                    + " with mutual TLS, which is not implemented yet; use a unix socket (-H unix:///run/berth/berth.sock)");
        }
        throw BerthException.invalid("invalid host \"" + host + "\": expected unix:///absolute/path");
    }
}

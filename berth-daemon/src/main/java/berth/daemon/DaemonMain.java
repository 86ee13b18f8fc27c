package berth.daemon;

import berth.errors.BerthException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
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

    @Option(names = "--log-driver", defaultValue = "json-file",
            description = "Default log driver of containers (default: ${DEFAULT-VALUE})")
    String logDriver;

    @Option(names = "--log-opt", paramLabel = "KEY=VALUE", description = "Default log driver options (repeatable)")
    java.util.List<String> logOpts = new java.util.ArrayList<>();

    @Option(names = "--config-file", description = "Daemon configuration file, dockerd's daemon.json keys "
            + "(default: /etc/berth/daemon.json when it exists)")
    Path configFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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
            applyConfigFile();
            options = new DaemonOptions(parseHost(host), dataRoot.toAbsolutePath(), execRoot.toAbsolutePath(),
                    Optional.ofNullable(runtime).map(r -> r.toLowerCase(Locale.ROOT)),
                    logLevel.toLowerCase(Locale.ROOT), Optional.ofNullable(pidfile),
                    new DaemonOptions.Networking(networkName("--bridge", bridge), iptables,
                            networkName("--iptables-chains", chainPrefix)),
                    new DaemonOptions.Registries(registryMirrors, insecureRegistries), experimental,
                    new berth.logs.driver.LogConfig(logDriver, logOptions(logOpts)));
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

    /**
     * Takes the settings of daemon.json that no flag gave. As dockerd, a setting given both ways is refused, and
     * so is a key it does not know.
     */
    void applyConfigFile() {
        Path file = configFile != null ? configFile : DaemonConfigFile.DEFAULT;
        DaemonConfigFile config = DaemonConfigFile.read(file, configFile != null);
        Map<String, String> flags = new java.util.LinkedHashMap<>();
        flag(flags, "--log-driver", "log-driver");
        flag(flags, "--log-opt", "log-opts");
        flag(flags, "--log-level", "log-level");
        flag(flags, "--experimental", "experimental");
        flag(flags, "--registry-mirror", "registry-mirrors");
        flag(flags, "--insecure-registry", "insecure-registries");
        flag(flags, "--data-root", "data-root");
        flag(flags, "--exec-root", "exec-root");
        flag(flags, "--pidfile", "pidfile");
        flag(flags, "--bridge", "bridge");
        flag(flags, "--iptables", "iptables");
        flag(flags, "--runtime", "default-runtime");
        config.refuseConflicts(file, flags);
        config.string("log-driver").ifPresent(v -> logDriver = v);
        config.stringMap("log-opts").ifPresent(m -> {
            logOpts = new java.util.ArrayList<>();
            m.forEach((k, v) -> logOpts.add(k + "=" + v));
        });
        config.string("log-level").ifPresent(v -> logLevel = v);
        config.bool("debug").filter(d -> d).ifPresent(d -> logLevel = "debug");
        config.bool("experimental").ifPresent(v -> experimental = v);
        config.strings("registry-mirrors").ifPresent(v -> registryMirrors = new java.util.ArrayList<>(v));
        config.strings("insecure-registries").ifPresent(v -> insecureRegistries = new java.util.ArrayList<>(v));
        config.string("data-root").ifPresent(v -> dataRoot = Path.of(v));
        config.string("exec-root").ifPresent(v -> execRoot = Path.of(v));
        config.string("pidfile").ifPresent(v -> pidfile = Path.of(v));
        config.string("bridge").ifPresent(v -> bridge = v);
        config.bool("iptables").ifPresent(v -> iptables = v);
        config.string("default-runtime").ifPresent(v -> runtime = v);
    }

    private void flag(Map<String, String> given, String flag, String key) {
        CommandLine.ParseResult r = spec == null ? null : spec.commandLine().getParseResult();
        if (r != null && r.hasMatchedOption(flag)) {
            Object v = r.matchedOptionValue(flag, null);
            given.put(key, String.valueOf(v));
        }
    }

    /** {@code --log-opt k=v} pairs; INVALID_ARGUMENT for one without '='. */
    static Map<String, String> logOptions(java.util.List<String> opts) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String o : opts) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw BerthException.invalid("invalid key value pair format in config: " + o);
            }
            out.put(o.substring(0, eq), o.substring(eq + 1));
        }
        return out;
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

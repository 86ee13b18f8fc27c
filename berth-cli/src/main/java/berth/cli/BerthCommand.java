package berth.cli;

import berth.client.DaemonClient;
import berth.client.auth.AuthConfig;
import berth.client.auth.ClientConfig;
import berth.client.auth.RemoteReference;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root command: global options and the daemon client every subcommand shares. */
@Command(name = "berth", description = "A container engine that speaks the Docker Engine API.",
        synopsisSubcommandLabel = "COMMAND", usageHelpAutoWidth = true)
public final class BerthCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-H", "--host"}, paramLabel = "HOST",
            description = "Daemon socket to connect to (unix:///path). Default: $BERTH_HOST, $DOCKER_HOST, " + "unix:///run/berth/berth.sock")
    private String host;

    @Option(names = {"-l", "--log-level"}, paramLabel = "LEVEL",
            description = "Logging level: debug, info, warn, error, fatal (debug prints stack traces of failures)")
    private String logLevel;

    @Option(names = "--config", paramLabel = "DIR",
            description = "Location of client config files (default: $DOCKER_CONFIG, else ~/.berth, else ~/.docker)")
    private String configDir;

    @Option(names = {"-v", "--version"}, description = "Print version information and quit")
    private boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print usage")
    private boolean help;

    private final Map<String, String> env;
    private DaemonClient client;
    private ClientConfig clientConfig;

    public BerthCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public void run() {
        if (version) {
            Streams.OUT.println("Berth version " + Version.VERSION);
            return;
        }
        throw new ParameterException(spec.commandLine(), "missing command");
    }

    public boolean debug() {
        return "debug".equalsIgnoreCase(logLevel);
    }

    /** The client for the chosen host; the host is parsed (and a tcp:// host refused) on first use. */
    public synchronized DaemonClient client() {
        if (client == null) {
            client = new DaemonClient(HostResolver.resolve(host, env));
        }
        return client;
    }

    /** The client configuration file (config.json), read on first use. */
    public synchronized ClientConfig clientConfig() {
        if (clientConfig == null) {
            clientConfig = ClientConfig.load(java.util.Optional.ofNullable(configDir), env);
        }
        return clientConfig;
    }

    /**
     * The {@code X-Registry-Auth} value for the registry an image reference names: the stored login,
     * or anonymous ({@code e30=}) when there is none.
     */
    public String registryAuth(RemoteReference reference) {
        return clientConfig().credentials(reference.serverKey())
                .map(c -> c.withServerAddress(reference.serverKey()))
                .orElse(AuthConfig.ANONYMOUS).toHeader();
    }

    public Map<String, String> env() {
        return env;
    }
}

package berth.cli;

import berth.client.DaemonClient;
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

    @Option(names = {"-v", "--version"}, description = "Print version information and quit")
    private boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print usage")
    private boolean help;

    private final Map<String, String> env;
    private DaemonClient client;

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

    public Map<String, String> env() {
        return env;
    }
}

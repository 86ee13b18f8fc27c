package berth.cli.command.compose;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code berth compose}: multi-container applications from a compose file, with Docker Compose v2's
 * verbs and global options. The file model is {@code berth.compose.model}; the operations are
 * {@code berth.compose.project}; this package is only the command line.
 */
@Command(name = "compose", description = "Define and run multi-container applications",
        subcommands = {UpCommand.class, DownCommand.class, PsCommand.class, LogsCommand.class, BuildCommand.class,
            PullCommand.class, PushCommand.class, ExecCommand.class, RunCommand.class, StartCommand.class,
            StopCommand.class, RestartCommand.class, KillCommand.class, RmCommand.class, PauseCommand.class,
            UnpauseCommand.class, TopCommand.class, PortCommand.class, ConfigCommand.class, ImagesCommand.class,
            LsCommand.class})
public final class ComposeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Compose configuration files ('-' for stdin)")
    List<String> files = new ArrayList<>();

    @Option(names = {"-p", "--project-name"}, paramLabel = "NAME", description = "Project name")
    String projectName;

    @Option(names = "--project-directory", paramLabel = "DIR",
            description = "Specify an alternate working directory (default: the path of the first Compose file)")
    String projectDirectory;

    @Option(names = "--env-file", paramLabel = "FILE", description = "Specify an alternate environment file")
    List<String> envFiles = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "PROFILE", description = "Specify a profile to enable")
    List<String> profiles = new ArrayList<>();

    @Option(names = "--ansi", paramLabel = "MODE", defaultValue = "auto",
            description = "Control when to print ANSI control characters (\"never\"|\"always\"|\"auto\")")
    String ansi;

    @Option(names = "--help", usageHelp = true, description = "Print usage")
    boolean help;

    /** The command after {@code exec}'s and {@code run}'s service keeps its own options ({@code exec web ls -l}). */
    public static void configure(picocli.CommandLine compose) {
        if (compose == null) {
            return;
        }
        for (String name : new String[] {"exec", "run"}) {
            compose.getSubcommands().get(name).setStopAtPositional(true);
        }
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: up, down, ps, logs, build, pull, push, exec, run, "
                + "start, stop, restart, kill, rm, pause, unpause, top, port, config, images or ls");
    }
}

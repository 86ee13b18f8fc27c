package berth.cli.command.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compose kill}: Force stop service containers */
@Command(name = "kill", description = "Force stop service containers")
final class KillCommand extends ComposeSubcommand {
    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", defaultValue = "SIGKILL", description = "SIGNAL to send to the container")
    String signal;

    @Parameters(paramLabel = "SERVICE")
    List<String> services = new ArrayList<>();

    @Override
    int execute() {
        project(services).kill(services, signal);
        return 0;
    }
}

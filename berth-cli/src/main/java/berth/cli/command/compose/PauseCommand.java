package berth.cli.command.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compose pause}: Pause services */
@Command(name = "pause", description = "Pause services")
final class PauseCommand extends ComposeSubcommand {

    @Parameters(paramLabel = "SERVICE")
    List<String> services = new ArrayList<>();

    @Override
    int execute() {
        project(services).pause(services);
        return 0;
    }
}

package berth.cli.command.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compose unpause}: Unpause services */
@Command(name = "unpause", description = "Unpause services")
final class UnpauseCommand extends ComposeSubcommand {

    @Parameters(paramLabel = "SERVICE")
    List<String> services = new ArrayList<>();

    @Override
    int execute() {
        project(services).unpause(services);
        return 0;
    }
}

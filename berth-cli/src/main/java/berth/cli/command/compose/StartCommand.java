package berth.cli.command.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compose start}: Start services */
@Command(name = "start", description = "Start services")
final class StartCommand extends ComposeSubcommand {

    @Parameters(paramLabel = "SERVICE")
    List<String> services = new ArrayList<>();

    @Override
    int execute() {
        project(services).start(services);
        return 0;
    }
}

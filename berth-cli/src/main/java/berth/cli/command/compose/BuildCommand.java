package berth.cli.command.compose;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code compose build}: builds the services that have {@code build:}, tagged with their image name. */
@Command(name = "build", description = "Build or rebuild services")
final class BuildCommand extends ComposeSubcommand {
    @Parameters(paramLabel = "SERVICE")
    List<String> services = new ArrayList<>();

    @Override
    int execute() {
        project(services).build(services);
        return 0;
    }
}

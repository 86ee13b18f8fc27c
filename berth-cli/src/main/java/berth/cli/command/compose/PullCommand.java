package berth.cli.command.compose;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compose pull}: pulls the images of the services that name one. */
@Command(name = "pull", description = "Pull service images")
final class PullCommand extends ComposeSubcommand {
    @Option(names = "--ignore-pull-failures", description = "Pull what it can and ignores images with pull failures")
    boolean ignoreFailures;

    @Parameters(paramLabel = "SERVICE")
    List<String> services = new ArrayList<>();

    @Override
    int execute() {
        project(services).pull(services, ignoreFailures);
        return 0;
    }
}

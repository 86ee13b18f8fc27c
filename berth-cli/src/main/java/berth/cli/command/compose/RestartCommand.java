package berth.cli.command.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compose restart}: Restart service containers */
@Command(name = "restart", description = "Restart service containers")
final class RestartCommand extends ComposeSubcommand {
    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Specify a shutdown timeout in seconds")
    Integer timeout;

    @Parameters(paramLabel = "SERVICE")
    List<String> services = new ArrayList<>();

    @Override
    int execute() {
        project(services).restart(services, Optional.ofNullable(timeout));
        return 0;
    }
}

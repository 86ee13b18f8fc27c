package berth.cli.command;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code berth restart}. */
@Command(name = "restart", description = "Restart one or more containers")
final class RestartCommand extends DaemonCommand {
    @Mixin
    StopOptions options;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    public Integer call() {
        return ContainerVerbs.forEach(containers, c -> client().postJson(Refs.container(c) + "/restart",
                options.query(), null));
    }
}

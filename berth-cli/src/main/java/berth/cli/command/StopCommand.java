package berth.cli.command;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code berth stop}. */
@Command(name = "stop", description = "Stop one or more running containers")
final class StopCommand extends DaemonCommand {
    @Mixin
    StopOptions options;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    public Integer call() {
        return ContainerVerbs.forEach(containers, c -> client().postJson(Refs.container(c) + "/stop",
                options.query(), null));
    }
}

package berth.cli.command;

import berth.client.Query;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth pause}. */
@Command(name = "pause", description = "Pause all processes within one or more containers")
final class PauseCommand extends DaemonCommand {
    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    public Integer call() {
        return ContainerVerbs.forEach(containers, c -> client().postJson(Refs.container(c) + "/pause", Query.of(), null));
    }
}

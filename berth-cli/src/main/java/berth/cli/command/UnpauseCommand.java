package berth.cli.command;

import berth.client.Query;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth unpause}. */
@Command(name = "unpause", description = "Unpause all processes within one or more containers")
final class UnpauseCommand extends DaemonCommand {
    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    public Integer call() {
        return ContainerVerbs.forEach(containers, c -> client().postJson(Refs.container(c) + "/unpause", Query.of(), null));
    }
}

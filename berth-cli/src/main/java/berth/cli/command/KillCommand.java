package berth.cli.command;

import berth.client.Query;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth kill}. */
@Command(name = "kill", description = "Kill one or more running containers")
final class KillCommand extends DaemonCommand {
    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", description = "Signal to send to the container")
    String signal;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    public Integer call() {
        return ContainerVerbs.forEach(containers,
                c -> client().postJson(Refs.container(c) + "/kill", Query.of().addIfPresent("signal", signal), null));
    }
}

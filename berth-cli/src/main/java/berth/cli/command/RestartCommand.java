package berth.cli.command;

import berth.client.Query;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth restart}. */
@Command(name = "restart", description = "Restart one or more containers")
final class RestartCommand extends DaemonCommand {
    @Option(names = {"-t", "--time", "--timeout"}, paramLabel = "SECONDS", description = "Seconds to wait before killing the container")
    Integer time;

    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", description = "Signal to send to the container")
    String signal;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    public Integer call() {
        return ContainerVerbs.forEach(containers, c -> client().postJson(Refs.container(c) + "/restart",
                Query.of().addIfPresent("signal", signal).addIfPresent("t", time == null ? null : time.toString()), null));
    }
}

package berth.cli.command;

import berth.client.Query;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth rm}. */
@Command(name = "rm", description = "Remove one or more containers")
final class RmCommand extends DaemonCommand {
    @Option(names = {"-f", "--force"}, description = "Force the removal of a running container (uses SIGKILL)")
    boolean force;

    @Option(names = {"-v", "--volumes"}, description = "Remove anonymous volumes associated with the container")
    boolean volumes;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    public Integer call() {
        return ContainerVerbs.forEach(containers,
                c -> client().delete(Refs.container(c), Query.of().flag("force", force).flag("v", volumes)));
    }
}

package berth.cli.command;

import berth.client.Query;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth volume rm}: prints each removed name; in-use volumes are refused unless -f. */
@Command(name = "rm", aliases = "remove", description = "Remove one or more volumes")
final class VolumeRmCommand extends DaemonCommand {
    @Option(names = {"-f", "--force"}, description = "Force the removal of one or more volumes")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "VOLUME")
    List<String> volumes;

    @Override
    public Integer call() {
        return ContainerVerbs.forEach(volumes,
                v -> client().delete("/volumes/" + Query.pathSegment(v), Query.of().flag("force", force)));
    }
}

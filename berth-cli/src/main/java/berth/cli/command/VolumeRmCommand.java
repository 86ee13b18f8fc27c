package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.client.DaemonErrorException;
import berth.client.Query;
import java.util.ArrayList;
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
        List<String> errors = new ArrayList<>();
        for (String v : volumes) {
            try {
                client().delete("/volumes/" + Query.pathSegment(v), Query.of().flag("force", force));
                out().println(v);
            } catch (DaemonErrorException e) {
                errors.add("Error response from daemon: " + e.daemonMessage());
            }
        }
        if (!errors.isEmpty()) {
            out().flush();
            throw new CliException(ExitCodes.ERROR, String.join("\n", errors));
        }
        return 0;
    }
}

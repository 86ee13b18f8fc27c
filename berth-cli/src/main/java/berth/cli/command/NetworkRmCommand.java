package berth.cli.command;

import berth.client.DaemonErrorException;
import berth.client.Query;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth network rm}: prints each removed name; with -f a network that does not exist is no error. */
@Command(name = "rm", aliases = "remove", description = "Remove one or more networks")
final class NetworkRmCommand extends DaemonCommand {
    @Option(names = {"-f", "--force"}, description = "Do not error if the network does not exist")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "NETWORK")
    List<String> networks;

    @Override
    public Integer call() {
        return ContainerVerbs.forEach(networks, n -> {
            try {
                client().delete("/networks/" + Query.pathSegment(n), Query.of());
            } catch (DaemonErrorException e) {
                if (!(force && e.isNotFound())) {
                    throw e;
                }
            }
        });
    }
}

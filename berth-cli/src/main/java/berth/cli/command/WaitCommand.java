package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.client.DaemonErrorException;
import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth wait}: blocks until each container stops and prints its exit code. */
@Command(name = "wait", description = "Block until one or more containers stop, then print their exit codes")
final class WaitCommand extends DaemonCommand {
    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    public Integer call() {
        List<String> errors = new ArrayList<>();
        for (String c : containers) {
            try {
                JsonNode r = client().postJson(Refs.container(c) + "/wait", Query.of(), null);
                out().println(r.path("StatusCode").asLong());
                out().flush();
            } catch (DaemonErrorException e) {
                errors.add("Error response from daemon: " + e.daemonMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new CliException(ExitCodes.ERROR, String.join("\n", errors));
        }
        return 0;
    }
}

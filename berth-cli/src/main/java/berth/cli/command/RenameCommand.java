package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.client.DaemonErrorException;
import berth.client.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth rename OLD NEW}: prints nothing on success, as docker does. */
@Command(name = "rename", description = "Rename a container")
final class RenameCommand extends DaemonCommand {
    @Parameters(index = "0", paramLabel = "CONTAINER")
    String oldName;

    @Parameters(index = "1", paramLabel = "NEW_NAME")
    String newName;

    @Override
    public Integer call() {
        String from = oldName.strip();
        String to = newName.strip();
        if (from.isEmpty() || to.isEmpty()) {
            throw new CliException(ExitCodes.ERROR, "Error: Neither old nor new names may be empty");
        }
        try {
            client().postJson(Refs.container(from) + "/rename", Query.of().add("name", to), null);
        } catch (DaemonErrorException e) {
            // docker prints the daemon's reason, then which container it failed on
            throw new CliException(ExitCodes.ERROR, "Error response from daemon: " + e.daemonMessage()
                    + "\nError: failed to rename container named " + from);
        }
        return 0;
    }
}

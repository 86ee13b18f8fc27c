package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.client.DaemonErrorException;
import java.util.ArrayList;
import java.util.List;

/** Runs one daemon call per named container, printing the name on success, as docker's rm/stop/kill do. */
final class ContainerVerbs {
    interface Action {
        void apply(String name);
    }

    private ContainerVerbs() {}

    static int forEach(List<String> names, Action action) {
        List<String> errors = new ArrayList<>();
        for (String name : names) {
            try {
                action.apply(name);
                DaemonCommand.out().println(name);
            } catch (DaemonErrorException e) {
                errors.add("Error response from daemon: " + e.daemonMessage());
            }
        }
        if (!errors.isEmpty()) {
            DaemonCommand.out().flush();
            throw new CliException(ExitCodes.ERROR, String.join("\n", errors));
        }
        return 0;
    }
}

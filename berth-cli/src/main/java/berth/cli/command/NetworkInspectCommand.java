package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.client.DaemonErrorException;
import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth network inspect}. */
@Command(name = "inspect", description = "Display detailed information on one or more networks")
final class NetworkInspectCommand extends DaemonCommand {
    @Option(names = {"-f", "--format"}, paramLabel = "STRING", description = "Format output using a Go-style template")
    String format;

    @Option(names = {"-v", "--verbose"}, description = "Verbose output for diagnostics")
    boolean verbose;

    @Parameters(arity = "1..*", paramLabel = "NETWORK")
    List<String> networks;

    @Override
    public Integer call() {
        List<JsonNode> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String n : networks) {
            try {
                found.add(client().getJson("/networks/" + Query.pathSegment(n), Query.of().flag("verbose", verbose)));
            } catch (DaemonErrorException e) {
                errors.add(e.isNotFound() ? "Error: No such network: " + n : "Error response from daemon: " + e.daemonMessage());
            }
        }
        JsonOutput.print(found, format);
        if (!errors.isEmpty()) {
            throw new CliException(ExitCodes.ERROR, String.join("\n", errors));
        }
        return 0;
    }
}

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

/** {@code berth volume inspect}. */
@Command(name = "inspect", description = "Display detailed information on one or more volumes")
final class VolumeInspectCommand extends DaemonCommand {
    @Option(names = {"-f", "--format"}, paramLabel = "STRING", description = "Format output using a Go-style template")
    String format;

    @Parameters(arity = "1..*", paramLabel = "VOLUME")
    List<String> volumes;

    @Override
    public Integer call() {
        List<JsonNode> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String v : volumes) {
            try {
                found.add(client().getJson("/volumes/" + Query.pathSegment(v), Query.of()));
            } catch (DaemonErrorException e) {
                errors.add(e.isNotFound() ? "Error: No such volume: " + v : "Error response from daemon: " + e.daemonMessage());
            }
        }
        JsonOutput.print(found, format);
        if (!errors.isEmpty()) {
            throw new CliException(ExitCodes.ERROR, String.join("\n", errors));
        }
        return 0;
    }
}

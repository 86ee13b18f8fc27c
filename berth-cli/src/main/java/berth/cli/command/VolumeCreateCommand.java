package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.client.Json;
import berth.client.Query;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth volume create [NAME]}: prints the volume's name, as docker does. */
@Command(name = "create", description = "Create a volume")
final class VolumeCreateCommand extends DaemonCommand {
    @Option(names = {"-d", "--driver"}, paramLabel = "STRING", description = "Specify volume driver name (default \"local\")")
    String driver = "local";

    @Option(names = "--label", paramLabel = "LIST", description = "Set metadata for a volume")
    List<String> labels = new ArrayList<>();

    @Option(names = {"-o", "--opt"}, paramLabel = "MAP", description = "Set driver specific options (type, device, o)")
    List<String> opts = new ArrayList<>();

    @Option(names = "--name", paramLabel = "STRING", description = "Specify volume name")
    String nameFlag;

    @Parameters(arity = "0..1", paramLabel = "VOLUME")
    String name;

    @Override
    public Integer call() {
        if (nameFlag != null && name != null && !nameFlag.equals(name)) {
            throw new CliException(ExitCodes.ERROR, "conflicting options: either specify --name or provide positional arg, not both");
        }
        ObjectNode body = Json.object();
        body.put("Name", name != null ? name : nameFlag == null ? "" : nameFlag);
        body.put("Driver", driver);
        ObjectNode labelNode = body.putObject("Labels");
        for (String l : labels) {
            int eq = l.indexOf('=');
            labelNode.put(eq < 0 ? l : l.substring(0, eq), eq < 0 ? "" : l.substring(eq + 1));
        }
        ObjectNode optNode = body.putObject("DriverOpts");
        for (String o : opts) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new CliException(ExitCodes.ERROR, "invalid argument \"" + o + "\" for \"-o, --opt\" flag: "
                        + "expected key=value");
            }
            optNode.put(o.substring(0, eq), o.substring(eq + 1));
        }
        out().println(client().postJson("/volumes/create", Query.of(), body).path("Name").asText());
        return 0;
    }
}

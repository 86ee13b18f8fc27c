package berth.cli.command;

import berth.cli.format.ProcessTable;
import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth top CONTAINER [ps OPTIONS]}: everything after the container goes to ps, options included. */
@Command(name = "top", description = "Display the running processes of a container")
final class TopCommand extends DaemonCommand {
    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1..*", paramLabel = "ps OPTIONS")
    List<String> psArgs = List.of();

    @Override
    public Integer call() {
        // docker sends ps_args only when some were given; the daemon's default is -ef
        Query q = Query.of().addIfPresent("ps_args", String.join(" ", psArgs));
        JsonNode r = client().getJson(Refs.container(container) + "/top", q);
        out().print(ProcessTable.render(strings(r.path("Titles")), rows(r.path("Processes"))));
        return 0;
    }

    private static List<List<String>> rows(JsonNode processes) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode p : processes) {
            rows.add(strings(p));
        }
        return rows;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode cell : array) {
            out.add(cell.asText(""));
        }
        return out;
    }
}

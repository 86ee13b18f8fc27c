package berth.cli.command;

import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth diff}: {@code GET /containers/{c}/changes}, one "C|A|D path" line per change, as docker prints them. */
@Command(name = "diff", description = "Inspect changes to files or directories on a container's filesystem")
final class DiffCommand extends DaemonCommand {
    @Parameters(paramLabel = "CONTAINER")
    String container;

    @Override
    public Integer call() {
        JsonNode changes = client().getJson(Refs.container(container) + "/changes", Query.of());
        for (JsonNode c : changes) {
            out().println(kind(c.path("Kind").asInt(-1)) + " " + c.path("Path").asText());
        }
        return 0;
    }

    /** The API's Kind: 0 modified, 1 added, 2 deleted. */
    static String kind(int kind) {
        return switch (kind) {
            case 0 -> "C";
            case 1 -> "A";
            case 2 -> "D";
            default -> "?";
        };
    }
}

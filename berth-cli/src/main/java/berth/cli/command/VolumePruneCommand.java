package berth.cli.command;

import berth.cli.format.HumanUnits;
import berth.client.Json;
import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth volume prune}: unused anonymous volumes, or every unused one with -a; asks first unless -f. */
@Command(name = "prune", description = "Remove unused local volumes")
final class VolumePruneCommand extends DaemonCommand {
    @Option(names = {"-a", "--all"}, description = "Remove all unused volumes, not just anonymous ones")
    boolean all;

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation")
    boolean force;

    @Option(names = "--filter", paramLabel = "FILTER", description = "Provide filter values (e.g. \"label=<label>\")")
    List<String> filters = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (!force && !confirmed(all ? "WARNING! This will remove all local volumes not used by at least one container."
                : "WARNING! This will remove anonymous local volumes not used by at least one container.")) {
            return 0;
        }
        String f = Filters.toJson(filters);
        ObjectNode filterJson = f == null ? Json.object() : (ObjectNode) Json.parse(f.getBytes(StandardCharsets.UTF_8));
        if (all) {
            filterJson.putObject("all").put("true", true);
        }
        JsonNode report = client().postJson("/volumes/prune", Query.of().add("filters", Json.text(filterJson)), null);
        JsonNode deleted = report.path("VolumesDeleted");
        if (deleted.isArray() && !deleted.isEmpty()) {
            out().println("Deleted Volumes:");
            deleted.forEach(d -> out().println(d.asText()));
            out().println();
        }
        out().println("Total reclaimed space: " + HumanUnits.size(report.path("SpaceReclaimed").asLong()));
        return 0;
    }
}

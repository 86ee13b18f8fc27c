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

/** {@code berth image prune}: asks first unless -f, like docker. */
@Command(name = "prune", description = "Remove unused images")
final class ImagePruneCommand extends DaemonCommand {
    @Option(names = {"-a", "--all"}, description = "Remove all unused images, not just dangling ones")
    boolean all;

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation")
    boolean force;

    @Option(names = "--filter", paramLabel = "FILTER", description = "Provide filter values (e.g. \"until=<timestamp>\")")
    List<String> filters = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (!force && !confirmed(all ? "WARNING! This will remove all images without at least one container associated to them."
                : "WARNING! This will remove all dangling images.")) {
            return 0;
        }
        String f = Filters.toJson(filters);
        ObjectNode filterJson = f == null ? Json.object() : (ObjectNode) Json.parse(f.getBytes(StandardCharsets.UTF_8));
        filterJson.putObject("dangling").put(all ? "false" : "true", true);
        JsonNode report = client().postJson("/images/prune", Query.of().add("filters", Json.text(filterJson)), null);
        JsonNode deleted = report.path("ImagesDeleted");
        if (deleted.isArray() && !deleted.isEmpty()) {
            out().println("Deleted Images:");
            for (JsonNode d : deleted) {
                if (d.hasNonNull("Untagged")) {
                    out().println("untagged: " + d.path("Untagged").asText());
                }
                if (d.hasNonNull("Deleted")) {
                    out().println("deleted: " + d.path("Deleted").asText());
                }
            }
            out().println();
        }
        out().println("Total reclaimed space: " + HumanUnits.size(report.path("SpaceReclaimed").asLong()));
        return 0;
    }
}

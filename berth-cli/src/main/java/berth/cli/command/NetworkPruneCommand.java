package berth.cli.command;

import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth network prune}: custom networks no container is on; asks first unless -f. */
@Command(name = "prune", description = "Remove all unused networks")
final class NetworkPruneCommand extends DaemonCommand {
    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation")
    boolean force;

    @Option(names = "--filter", paramLabel = "FILTER", description = "Provide filter values (e.g. \"label=<label>\")")
    List<String> filters = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (!force && !confirmed("WARNING! This will remove all custom networks not used by at least one container.")) {
            return 0;
        }
        JsonNode report = client().postJson("/networks/prune",
                Query.of().addIfPresent("filters", Filters.toJson(filters)), null);
        JsonNode deleted = report.path("NetworksDeleted");
        if (deleted.isArray() && !deleted.isEmpty()) {
            out().println("Deleted Networks:");
            deleted.forEach(d -> out().println(d.asText()));
            out().println();
        }
        return 0;
    }
}

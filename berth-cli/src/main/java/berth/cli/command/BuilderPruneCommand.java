package berth.cli.command;

import berth.cli.format.HumanUnits;
import berth.cli.opts.ByteSizes;
import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth builder prune}: {@code POST /build/prune}, asking first unless -f, in docker's words. */
@Command(name = "prune", description = "Remove build cache")
final class BuilderPruneCommand extends DaemonCommand {
    @Option(names = {"-a", "--all"}, description = "Remove all unused build cache, not just dangling ones")
    boolean all;

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation")
    boolean force;

    @Option(names = "--filter", paramLabel = "filter", description = "Provide filter values (e.g. \"until=24h\")")
    List<String> filters = new ArrayList<>();

    @Option(names = "--keep-storage", paramLabel = "bytes", description = "Amount of disk space to keep for cache")
    String keepStorage;

    @Override
    public Integer call() throws IOException {
        long keep = keepStorage == null ? 0 : ByteSizes.ramInBytes(keepStorage);
        String warning = all ? "WARNING! This will remove all build cache. Are you sure you want to continue?"
                : "WARNING! This will remove all dangling build cache. Are you sure you want to continue?";
        if (!force && !confirmedOneLine(warning)) {
            return 0;
        }
        Query q = Query.of().flag("all", all).add("keep-storage", Long.toString(keep))
                .addIfPresent("filters", Filters.toJson(filters));
        JsonNode report = client().postJson("/build/prune", q, null);
        JsonNode deleted = report.path("CachesDeleted");
        if (deleted.isArray() && !deleted.isEmpty()) {
            StringBuilder sb = new StringBuilder("Deleted build cache objects:\n");
            deleted.forEach(id -> sb.append(id.asText()).append('\n'));
            out().println(sb);
        }
        out().println("Total reclaimed space: " + HumanUnits.goHumanSize(report.path("SpaceReclaimed").asLong()));
        return 0;
    }
}

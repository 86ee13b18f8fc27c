package berth.cli.command;

import berth.cli.format.ContainerRow;
import berth.cli.format.OutputFormat;
import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth ps}: {@code GET /containers/json} as docker's table. */
@Command(name = "ps", description = "List containers")
final class PsCommand extends DaemonCommand {
    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running)")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only display container IDs")
    boolean quiet;

    @Option(names = {"-n", "--last"}, paramLabel = "INT", defaultValue = "-1", description = "Show n last created containers (includes all states)")
    int last;

    @Option(names = {"-l", "--latest"}, description = "Show the latest created container (includes all states)")
    boolean latest;

    @Option(names = {"-f", "--filter"}, paramLabel = "FILTER", description = "Filter output based on conditions provided")
    List<String> filters = new ArrayList<>();

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Option(names = "--format", paramLabel = "STRING", description = "Format output using a Go-style template, 'table', 'table TEMPLATE' or 'json'")
    String format;

    @Option(names = {"-s", "--size"}, description = "Display total file sizes")
    boolean size;

    @Override
    public Integer call() {
        int limit = latest ? 1 : last;
        Query q = Query.of().flag("all", all || limit > 0);
        if (limit > 0) {
            q.add("limit", String.valueOf(limit));
        }
        boolean wantSize = size || (format != null && format.contains(".Size"));
        q.flag("size", wantSize).addIfPresent("filters", Filters.toJson(filters));
        JsonNode containers = client().getJson("/containers/json", q);
        Instant now = Instant.now();
        List<ContainerRow> rows = new ArrayList<>();
        for (JsonNode c : containers) {
            rows.add(new ContainerRow(c, !noTrunc, now));
        }
        String table = size ? ContainerRow.DEFAULT_TABLE + "\\t{{.Size}}" : ContainerRow.DEFAULT_TABLE;
        OutputFormat of = OutputFormat.of(quiet ? "{{.ID}}" : format, table);
        out().print(of.render(rows, ContainerRow.HEADERS));
        return 0;
    }
}

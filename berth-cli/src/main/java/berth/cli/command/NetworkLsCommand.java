package berth.cli.command;

import berth.cli.format.NetworkRow;
import berth.cli.format.OutputFormat;
import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth network ls}: NETWORK ID, NAME, DRIVER and SCOPE, sorted by name as docker does. */
@Command(name = "ls", aliases = "list", description = "List networks")
final class NetworkLsCommand extends DaemonCommand {
    @Option(names = {"-q", "--quiet"}, description = "Only display network IDs")
    boolean quiet;

    @Option(names = {"-f", "--filter"}, paramLabel = "FILTER",
            description = "Provide filter values (e.g. \"driver=bridge\", \"name=x\", \"label=k=v\", \"type=custom\")")
    List<String> filters = new ArrayList<>();

    @Option(names = "--no-trunc", description = "Do not truncate the output")
    boolean noTrunc;

    @Option(names = "--format", paramLabel = "STRING", description = "Format output using a Go-style template, 'table', 'table TEMPLATE' or 'json'")
    String format;

    @Override
    public Integer call() {
        JsonNode list = client().getJson("/networks", Query.of().addIfPresent("filters", Filters.toJson(filters)));
        List<NetworkRow> rows = new ArrayList<>();
        for (JsonNode n : list) {
            rows.add(new NetworkRow(n, !noTrunc));
        }
        rows.sort(Comparator.comparing(NetworkRow::name));
        OutputFormat of = OutputFormat.of(quiet ? "{{.ID}}" : format, NetworkRow.DEFAULT_TABLE);
        out().print(of.render(rows, NetworkRow.HEADERS));
        return 0;
    }
}

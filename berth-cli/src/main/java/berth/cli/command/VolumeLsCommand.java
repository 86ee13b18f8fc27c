package berth.cli.command;

import berth.cli.format.TabWriter;
import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth volume ls}: DRIVER and VOLUME NAME columns, or names only with -q. */
@Command(name = "ls", aliases = "list", description = "List volumes")
final class VolumeLsCommand extends DaemonCommand {
    @Option(names = {"-q", "--quiet"}, description = "Only display volume names")
    boolean quiet;

    @Option(names = {"-f", "--filter"}, paramLabel = "FILTER",
            description = "Provide filter values (e.g. \"dangling=true\", \"label=k=v\", \"name=x\", \"driver=local\")")
    List<String> filters = new ArrayList<>();

    @Override
    public Integer call() {
        JsonNode list = client().getJson("/volumes", Query.of().addIfPresent("filters", Filters.toJson(filters)));
        List<String> lines = new ArrayList<>();
        if (!quiet) {
            lines.add("DRIVER\tVOLUME NAME");
        }
        for (JsonNode v : list.path("Volumes")) {
            String name = v.path("Name").asText();
            lines.add(quiet ? name : v.path("Driver").asText() + "\t" + name);
        }
        out().print(quiet ? lines.stream().map(l -> l + "\n").reduce("", String::concat) : TabWriter.align(lines));
        return 0;
    }
}

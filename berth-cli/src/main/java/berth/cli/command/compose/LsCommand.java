package berth.cli.command.compose;

import berth.cli.format.TabWriter;
import berth.client.Json;
import berth.compose.project.ComposeLabels;
import berth.compose.project.ProjectContainer;
import berth.compose.project.ProjectEngine;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compose ls}: the projects found by the project label on containers (no file is read), with
 * a status such as {@code running(2), exited(1)} and their config files, as Compose v2 lists them.
 */
@Command(name = "ls", description = "List running compose projects")
final class LsCommand extends ComposeSubcommand {
    @Option(names = {"-a", "--all"}, description = "Show all stopped Compose projects")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only display project names")
    boolean quiet;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "Format the output. Values: [table | json]")
    String format;

    record Row(String name, String status, String configFiles) {}

    @Override
    int execute() {
        List<ProjectContainer> containers = new ProjectEngine(root().client()).allComposeContainers(all);
        Map<String, List<ProjectContainer>> byProject = new TreeMap<>(containers.stream()
                .collect(Collectors.groupingBy(c -> c.labels().get(ComposeLabels.PROJECT))));
        List<Row> rows = new ArrayList<>();
        byProject.forEach((name, list) -> rows.add(new Row(name, status(list),
                list.getFirst().labels().getOrDefault(ComposeLabels.CONFIG_FILES, ""))));
        if (quiet) {
            rows.forEach(r -> out().println(r.name()));
        } else if (format.equals("json")) {
            ArrayNode a = Json.mapper().createArrayNode();
            for (Row r : rows) {
                ObjectNode o = a.addObject();
                o.put("Name", r.name());
                o.put("Status", r.status());
                o.put("ConfigFiles", r.configFiles());
            }
            out().println(Json.text(a));
        } else {
            List<String> lines = new ArrayList<>();
            lines.add("NAME\tSTATUS\tCONFIG FILES");
            rows.forEach(r -> lines.add(r.name() + "\t" + r.status() + "\t" + r.configFiles()));
            out().print(TabWriter.align(lines));
        }
        return 0;
    }

    /** {@code running(2), exited(1)}: states counted, in order of first sight. */
    static String status(List<ProjectContainer> containers) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        containers.forEach(c -> counts.merge(c.state(), 1, Integer::sum));
        return counts.entrySet().stream().map(e -> e.getKey() + "(" + e.getValue() + ")").collect(Collectors.joining(", "));
    }
}

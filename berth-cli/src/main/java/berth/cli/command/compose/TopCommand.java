package berth.cli.command.compose;

import berth.cli.format.ProcessTable;
import berth.compose.project.ComposeProject;
import berth.compose.project.ProjectContainer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code compose top}: the processes of each running container, under its name. */
@Command(name = "top", description = "Display the running processes")
final class TopCommand extends ComposeSubcommand {
    @Parameters(paramLabel = "SERVICE")
    List<String> services = new ArrayList<>();

    @Override
    int execute() {
        ComposeProject p = project(services);
        boolean first = true;
        for (ProjectContainer c : p.containersOf(services, false)) {
            JsonNode top = p.engine().top(c.id());
            List<String> titles = new ArrayList<>();
            top.path("Titles").forEach(t -> titles.add(t.asText()));
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode proc : top.path("Processes")) {
                List<String> row = new ArrayList<>();
                proc.forEach(v -> row.add(v.asText()));
                rows.add(row);
            }
            if (!first) {
                out().println();
            }
            first = false;
            out().println(c.name());
            out().print(ProcessTable.render(titles, rows));
        }
        return 0;
    }
}

package berth.cli.command.compose;

import berth.cli.format.HumanUnits;
import berth.cli.format.Ports;
import berth.cli.format.TabWriter;
import berth.client.Json;
import berth.compose.project.ComposeProject;
import berth.compose.project.ProjectContainer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compose ps}: the project's containers as Compose v2's table, IDs, service names or JSON lines. */
@Command(name = "ps", description = "List containers")
final class PsCommand extends ComposeSubcommand {
    @Option(names = {"-a", "--all"}, description = "Show all stopped containers (including those created by the run command)")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only display IDs")
    boolean quiet;

    @Option(names = "--services", description = "Display services")
    boolean servicesOnly;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Format the output: table or json")
    String format;

    @Option(names = "--status", paramLabel = "STATUS", description = "Filter services by status")
    List<String> status = new ArrayList<>();

    @Parameters(paramLabel = "SERVICE")
    List<String> services = new ArrayList<>();

    @Override
    int execute() {
        ComposeProject p = project(services);
        List<ProjectContainer> list = p.containers(all || !status.isEmpty(), all).stream()
                .filter(c -> services.isEmpty() || services.contains(c.service()))
                .filter(c -> status.isEmpty() || status.contains(c.state())).toList();
        if (servicesOnly) {
            Set<String> names = new LinkedHashSet<>();
            list.forEach(c -> names.add(c.service()));
            names.forEach(out()::println);
            return 0;
        }
        if (quiet) {
            list.forEach(c -> out().println(c.id()));
            return 0;
        }
        if ("json".equals(format)) {
            list.forEach(c -> out().println(Json.text(json(p.model().name(), c))));
            return 0;
        }
        Instant now = Instant.now();
        List<String> lines = new ArrayList<>();
        lines.add("NAME\tIMAGE\tCOMMAND\tSERVICE\tCREATED\tSTATUS\tPORTS");
        for (ProjectContainer c : list) {
            JsonNode s = c.summary();
            lines.add(c.name() + "\t" + c.image() + "\t" + command(s) + "\t" + c.service() + "\t"
                    + HumanUnits.ago(Instant.ofEpochSecond(s.path("Created").asLong()), now) + "\t" + c.status() + "\t"
                    + Ports.display(s.path("Ports")));
        }
        out().print(TabWriter.align(lines));
        return 0;
    }

    /** The command quoted and cut at 20 characters, as compose shows it. */
    static String command(JsonNode summary) {
        String cmd = summary.path("Command").asText("");
        if (cmd.length() > 20) {
            cmd = cmd.substring(0, 19) + "…";
        }
        return "\"" + cmd + "\"";
    }

    static ObjectNode json(String project, ProjectContainer c) {
        JsonNode s = c.summary();
        ObjectNode o = Json.object();
        o.put("Command", "\"" + s.path("Command").asText("") + "\"");
        o.put("CreatedAt", HumanUnits.goTime(Instant.ofEpochSecond(s.path("Created").asLong())));
        o.put("ExitCode", exitCode(c.status()));
        o.put("Health", health(c.status()));
        o.put("ID", c.id());
        o.put("Image", c.image());
        o.put("Labels", String.join(",", c.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        o.put("Name", c.name());
        o.put("Names", c.name());
        o.put("Project", project);
        ArrayNode publishers = o.putArray("Publishers");
        for (JsonNode port : s.path("Ports")) {
            ObjectNode pub = publishers.addObject();
            pub.put("URL", port.path("IP").asText(""));
            pub.put("TargetPort", port.path("PrivatePort").asInt());
            pub.put("PublishedPort", port.path("PublicPort").asInt());
            pub.put("Protocol", port.path("Type").asText("tcp"));
        }
        o.put("RunningFor", HumanUnits.ago(Instant.ofEpochSecond(s.path("Created").asLong()), Instant.now()));
        o.put("Service", c.service());
        o.put("State", c.state());
        o.put("Status", c.status());
        return o;
    }

    private static int exitCode(String status) {
        // "Exited (3) 2 minutes ago"
        if (status.startsWith("Exited (")) {
            try {
                return Integer.parseInt(status.substring(8, status.indexOf(')')));
            } catch (RuntimeException e) {
                return 0;
            }
        }
        return 0;
    }

    private static String health(String status) {
        for (String h : List.of("healthy", "unhealthy", "starting")) {
            if (status.contains("(" + h + ")") || status.contains("(health: " + h + ")")) {
                return h;
            }
        }
        return "";
    }
}

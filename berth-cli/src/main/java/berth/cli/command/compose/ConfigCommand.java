package berth.cli.command.compose;

import berth.compose.model.Project;
import berth.compose.model.ProjectPrinter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compose config}: the resolved, validated model (YAML or JSON), or only its service or volume names. */
@Command(name = "config", description = "Parse, resolve and render compose file in canonical format")
final class ConfigCommand extends ComposeSubcommand {
    @Option(names = "--services", description = "Print the service names, one per line")
    boolean servicesOnly;

    @Option(names = "--volumes", description = "Print the volume names, one per line")
    boolean volumesOnly;

    @Option(names = {"-q", "--quiet"}, description = "Only validate the configuration, don't print anything")
    boolean quiet;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "yaml", description = "Format the output. Values: [yaml | json]")
    String format;

    @Parameters(paramLabel = "SERVICE")
    List<String> services = new ArrayList<>();

    @Override
    int execute() {
        Project p = load(services);
        if (quiet) {
            return 0;
        }
        if (servicesOnly) {
            p.services().keySet().forEach(out()::println);
        } else if (volumesOnly) {
            p.volumes().keySet().forEach(out()::println);
        } else if (format.equals("json")) {
            out().println(ProjectPrinter.json(p));
        } else {
            out().print(ProjectPrinter.yaml(p));
        }
        return 0;
    }
}

package berth.cli.command.compose;

import berth.compose.project.ComposeProject;
import berth.compose.project.ProjectContainer;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compose logs}: every container's log, {@code web-1  | line}, a colour per service. */
@Command(name = "logs", description = "View output from containers")
final class LogsCommand extends ComposeSubcommand {
    @Option(names = {"-f", "--follow"}, description = "Follow log output")
    boolean follow;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "all", description = "Number of lines to show from the end of the logs for each container")
    String tail;

    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps")
    boolean timestamps;

    @Option(names = "--no-color", description = "Produce monochrome output")
    boolean noColor;

    @Option(names = "--no-log-prefix", description = "Don't print prefix in logs")
    boolean noLogPrefix;

    @Option(names = "--index", paramLabel = "N", description = "index of the container if service has multiple replicas")
    Integer index;

    @Parameters(paramLabel = "SERVICE")
    List<String> services = new ArrayList<>();

    @Override
    int execute() throws InterruptedException {
        ComposeProject p = project(services);
        List<ProjectContainer> containers = p.containersOf(services, true).stream()
                .filter(c -> index == null || c.number() == index).toList();
        LogPrinter printer = new LogPrinter(out(), colour() && !noColor, !noLogPrefix);
        LogStreams streams = new LogStreams(p.engine(), p.model().name(), printer);
        if (follow) {
            streams.follow(containers, tail, timestamps,
                    c -> (services.isEmpty() || services.contains(c.service())) && (index == null || c.number() == index));
        } else {
            streams.stream(containers, false, tail, timestamps, null);
        }
        return 0;
    }
}

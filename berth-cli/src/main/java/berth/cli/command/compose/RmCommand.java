package berth.cli.command.compose;

import berth.compose.project.ComposeProject;
import berth.compose.project.ProjectContainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compose rm}: removes stopped service containers (with -s, stops them first); asks unless -f. */
@Command(name = "rm", description = "Removes stopped service containers")
final class RmCommand extends ComposeSubcommand {
    @Option(names = {"-f", "--force"}, description = "Don't ask to confirm removal")
    boolean force;

    @Option(names = {"-s", "--stop"}, description = "Stop the containers, if required, before removing")
    boolean stop;

    @Option(names = {"-v", "--volumes"}, description = "Remove any anonymous volumes attached to containers")
    boolean volumes;

    @Parameters(paramLabel = "SERVICE")
    List<String> services = new ArrayList<>();

    @Override
    int execute() throws java.io.IOException {
        ComposeProject p = project(services);
        if (stop) {
            p.stop(services, Optional.empty());
        }
        List<ProjectContainer> doomed = p.stopped(services);
        if (doomed.isEmpty()) {
            err().println("No stopped containers");
            return 0;
        }
        if (!force) {
            out().print("Going to remove " + String.join(", ", doomed.stream().map(ProjectContainer::name).toList())
                    + "\n? Are you sure you want to continue? (y/N) ");
            out().flush();
            String answer = new java.io.BufferedReader(new java.io.InputStreamReader(berth.cli.Streams.IN,
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            if (answer == null || !answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
                return 0;
            }
        }
        p.remove(doomed, volumes);
        return 0;
    }
}

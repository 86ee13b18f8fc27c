package berth.cli.command.compose;

import berth.cli.CliException;
import berth.compose.model.Project;
import berth.compose.project.ComposeProject;
import berth.compose.project.DownOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code compose down}: stop and remove the containers, then the networks; volumes with -v, images with --rmi. */
@Command(name = "down", description = "Stop and remove containers, networks")
final class DownCommand extends ComposeSubcommand {
    @Option(names = {"-v", "--volumes"}, description = "Remove named volumes declared in the \"volumes\" section of the Compose file and anonymous volumes attached to containers")
    boolean volumes;

    @Option(names = "--rmi", paramLabel = "TYPE", description = "Remove images used by services. \"local\" remove only images that don't have a custom tag (\"local\"|\"all\")")
    String rmi;

    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file")
    boolean removeOrphans;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Specify a shutdown timeout in seconds")
    Integer timeout;

    @Override
    int execute() {
        ComposeProject p;
        boolean orphans = removeOrphans;
        try {
            p = project(List.of());
        } catch (CliException e) {
            if (compose.projectName == null || !compose.files.isEmpty()) {
                throw e;
            }
            // -p without a file, as compose allows: everything labelled with the project goes
            Project empty = new Project(compose.projectName, Path.of("").toAbsolutePath(), List.of(), Map.of(), Map.of(),
                    Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
            p = new ComposeProject(engine(), empty, new CliImageBuilder(root(), spec), progress());
            orphans = true;
        }
        p.down(new DownOptions(volumes, Optional.ofNullable(rmi), orphans, Optional.ofNullable(timeout)));
        return 0;
    }
}

package berth.cli.command.compose;

import berth.cli.BerthCommand;
import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.cli.Streams;
import berth.cli.Terminals;
import berth.compose.model.ComposeFileException;
import berth.compose.model.ComposeLoader;
import berth.compose.model.LoadOptions;
import berth.compose.model.Project;
import berth.compose.project.ComposeProject;
import berth.compose.project.ProjectEngine;
import berth.compose.project.ProjectException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Base of the compose verbs: loads the project from the global options (an invalid file fails here,
 * before anything is created), and turns model and project errors into exit code 1.
 */
abstract class ComposeSubcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    ComposeCommand compose;

    @Option(names = "--help", usageHelp = true, description = "Print usage")
    boolean help;

    BerthCommand root() {
        return (BerthCommand) spec.root().userObject();
    }

    ProjectEngine engine() {
        return new ProjectEngine(root().client());
    }

    /** Loads the project; {@code services} are activated even when their profiles are not. */
    Project load(List<String> services) {
        Path cwd = Path.of("").toAbsolutePath();
        LoadOptions o = LoadOptions.of(cwd, root().env()).withFiles(compose.files).withServices(services)
                .withProfiles(compose.profiles).withEnvFiles(compose.envFiles.stream().map(cwd::resolve).toList());
        if (compose.projectName != null) {
            o = o.withProjectName(compose.projectName);
        }
        if (compose.projectDirectory != null) {
            o = o.withProjectDir(cwd.resolve(compose.projectDirectory));
        }
        if (compose.files.contains("-")) {
            try {
                o = o.withStdin(Streams.IN.readAllBytes());
            } catch (IOException e) {
                throw new CliException(ExitCodes.ERROR, "reading the compose file from stdin: " + e.getMessage());
            }
        }
        try {
            return ComposeLoader.load(o);
        } catch (ComposeFileException e) {
            throw new CliException(ExitCodes.ERROR, e.getMessage());
        }
    }

    ComposeProject project(List<String> services) {
        return new ComposeProject(engine(), load(services), new CliImageBuilder(root(), spec), progress());
    }

    ConsoleProgress progress() {
        return new ConsoleProgress(Streams.ERR);
    }

    boolean colour() {
        return switch (compose.ansi) {
            case "never" -> false;
            case "always" -> true;
            default -> Terminals.stdoutIsTerminal() && !root().env().containsKey("NO_COLOR");
        };
    }

    @Override
    public final Integer call() throws Exception {
        try {
            return execute();
        } catch (ProjectException e) {
            throw new CliException(ExitCodes.ERROR, e.getMessage());
        } finally {
            Streams.flush();
        }
    }

    abstract int execute() throws Exception;

    static PrintStream out() {
        return Streams.OUT;
    }

    static PrintStream err() {
        return Streams.ERR;
    }
}

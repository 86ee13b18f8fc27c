package berth.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code berth builder ...}: the build cache (and {@code builder build}, the same as {@code berth build}). */
@Command(name = "builder", description = "Manage builds", subcommands = {BuilderPruneCommand.class, BuildCommand.class})
final class BuilderCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--help", usageHelp = true, description = "Print usage")
    boolean help;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: build or prune");
    }
}

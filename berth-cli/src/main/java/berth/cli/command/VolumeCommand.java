package berth.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code berth volume ...}: the volume management group. */
@Command(name = "volume", description = "Manage volumes", subcommands = {VolumeCreateCommand.class,
        VolumeLsCommand.class, VolumeInspectCommand.class, VolumeRmCommand.class, VolumePruneCommand.class})
final class VolumeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--help", usageHelp = true, description = "Print usage")
    boolean help;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: create, ls, inspect, rm or prune");
    }
}

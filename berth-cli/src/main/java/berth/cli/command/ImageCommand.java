package berth.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code berth image ...}: the image management group. */
@Command(name = "image", description = "Manage images", subcommands = {ImagesCommand.class, ImageInspectCommand.class,
        HistoryCommand.class, ImagePruneCommand.class, ImportCommand.class, LoadCommand.class, SaveCommand.class,
        TagCommand.class, RmiCommand.class, PullCommand.class, PushCommand.class})
final class ImageCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--help", usageHelp = true, description = "Print usage")
    boolean help;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: ls, inspect, history, prune, import, load, save, tag, rm, pull or push");
    }
}

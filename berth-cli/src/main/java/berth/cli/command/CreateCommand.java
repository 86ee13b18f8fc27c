package berth.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code berth create}: only the create request (pulling on "no such image"); prints the ID. */
@Command(name = "create", description = "Create a new container")
final class CreateCommand extends DaemonCommand {
    @Mixin
    CreateOptions options;

    @Override
    public Integer call() {
        out().println(ContainerCreator.create(root(), options.body("create", false, root().env()), options.name, "create", err()));
        return 0;
    }
}

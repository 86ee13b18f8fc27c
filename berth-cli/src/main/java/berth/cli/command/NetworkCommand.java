package berth.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code berth network ...}: the network management group. */
@Command(name = "network", description = "Manage networks", subcommands = {NetworkCreateCommand.class,
        NetworkLsCommand.class, NetworkInspectCommand.class, NetworkRmCommand.class, NetworkPruneCommand.class,
        NetworkConnectCommand.class, NetworkDisconnectCommand.class})
final class NetworkCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--help", usageHelp = true, description = "Print usage")
    boolean help;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "missing subcommand: create, ls, inspect, rm, prune, connect or disconnect");
    }
}

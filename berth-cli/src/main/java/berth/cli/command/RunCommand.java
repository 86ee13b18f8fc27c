package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.client.DaemonErrorException;
import berth.client.Query;
import berth.client.RequestBody;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code berth run}: create (pulling on "no such image"), attach, wait, start; exits with the container's code. */
@Command(name = "run", description = "Create and run a new container from an image")
final class RunCommand extends DaemonCommand {
    @Mixin
    CreateOptions options;

    @Option(names = {"-d", "--detach"}, description = "Run container in background and print container ID")
    boolean detach;

    @Option(names = "--detach-keys", paramLabel = "KEYS", description = "Override the key sequence for detaching a container")
    String detachKeys;

    @Option(names = "--sig-proxy", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Proxy received signals to the process (default true)")
    boolean sigProxy = true;

    @Override
    public Integer call() throws IOException {
        if (!detach) {
            AttachedRun.checkTty(options.tty, options.interactive);
        }
        String id = ContainerCreator.create(root(), options.body("run", !detach, root().env()), options.name, "run", err());
        if (detach) {
            try {
                client().call("POST", Refs.container(id) + "/start", Query.of(), RequestBody.NONE).close();
            } catch (DaemonErrorException e) {
                throw new CliException(ExitCodes.forStartError(e.daemonMessage()),
                        "berth: Error response from daemon: " + e.daemonMessage() + "\n\nRun 'berth run --help' for more information");
            }
            out().println(id);
            return 0;
        }
        return AttachedRun.run(client(), id, new AttachedRun.Options(options.tty, options.interactive, options.autoRemove, "run", detachKeys, sigProxy));
    }
}

package berth.cli.command;

import berth.client.auth.ClientConfig;
import berth.client.auth.RegistryKeys;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth logout}: removes the stored credentials of a registry (in every spelling its key has); no daemon call. */
@Command(name = "logout", description = "Log out from a registry. Defaults to Docker Hub if no server is specified.")
final class LogoutCommand extends DaemonCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVER", description = "The registry (default Docker Hub)")
    String server;

    @Override
    public Integer call() throws IOException {
        String key = RegistryKeys.serverKey(server);
        ClientConfig config = root().clientConfig();
        config.credentialHelperNote().ifPresent(err()::println);
        out().println("Removing login credentials for " + key);
        List<String> removed = config.remove(key);
        if (!removed.isEmpty()) {
            config.save();
        }
        return 0;
    }
}

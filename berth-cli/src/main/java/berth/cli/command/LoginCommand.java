package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.cli.Streams;
import berth.cli.Terminals;
import berth.client.DaemonErrorException;
import berth.client.auth.AuthConfig;
import berth.client.auth.ClientConfig;
import berth.client.auth.RegistryKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth login}: the daemon checks the credentials with the registry ({@code POST /auth}); on
 * success they are stored in the client config under the registry's key, as the docker CLI stores
 * them (base64 {@code auth}, or the identity token the registry issued).
 */
@Command(name = "login", description = "Authenticate to a registry. Defaults to Docker Hub if no server is specified.")
final class LoginCommand extends DaemonCommand {
    @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "Username")
    String username;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", description = "Password or Personal Access Token")
    String password;

    @Option(names = "--password-stdin", description = "Take the password from stdin")
    boolean passwordStdin;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVER", description = "The registry (default Docker Hub)")
    String server;

    @Override
    public Integer call() throws IOException {
        if (password != null) {
            err().println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
            if (passwordStdin) {
                throw new CliException(ExitCodes.ERROR, "--password and --password-stdin are mutually exclusive");
            }
        }
        if (passwordStdin) {
            if (username == null || username.isEmpty()) {
                throw new CliException(ExitCodes.ERROR, "Must provide --username with --password-stdin");
            }
            password = stripNewline(new String(Streams.IN.readAllBytes(), StandardCharsets.UTF_8));
        }
        String serverAddress = server == null || server.isBlank() || server.equals("docker.io")
                ? RegistryKeys.INDEX_SERVER : server.strip();
        String key = RegistryKeys.serverKey(serverAddress);
        ClientConfig config = root().clientConfig();
        config.credentialHelperNote().ifPresent(err()::println);

        if (username == null && password == null) {
            Optional<AuthConfig> stored = config.credentials(key);
            if (stored.isPresent()) {
                out().println("Authenticating with existing credentials... [Username: " + stored.get().username() + "]");
                out().flush();
                try {
                    JsonNode r = client().login(stored.get().withServerAddress(serverAddress));
                    out().println(r.path("Status").asText("Login Succeeded"));
                    return 0;
                } catch (DaemonErrorException e) {
                    err().println("Login did not succeed, error: " + e.daemonMessage());
                }
            }
            username = prompt(stored.map(AuthConfig::username));
        } else if (username == null) {
            username = prompt(Optional.empty());
        }
        if (password == null) {
            password = promptPassword();
        }
        AuthConfig credentials = new AuthConfig(username, password, "", serverAddress);
        JsonNode response = client().login(credentials);
        String token = response.path("IdentityToken").asText("");
        config.store(key, token.isEmpty() ? credentials : new AuthConfig(username, "", token, serverAddress));
        config.save();
        err().println("WARNING! Your credentials are stored unencrypted in '" + config.writePath() + "'.");
        err().println("berth does not use credential helpers; keep this file private (it is created with mode 0600).");
        err().println();
        out().println(response.path("Status").asText("Login Succeeded"));
        return 0;
    }

    /** docker keeps everything but one trailing newline (and the CR of a CRLF) of what it reads. */
    static String stripNewline(String s) {
        String t = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        t = t.endsWith("\r") ? t.substring(0, t.length() - 1) : t;
        if (t.isEmpty()) {
            throw new CliException(ExitCodes.ERROR, "Error: Password Required");
        }
        return t;
    }

    private static String prompt(Optional<String> dflt) {
        requireTerminal();
        String answer = System.console().readLine("Username%s: ", dflt.map(d -> " (" + d + ")").orElse(""));
        String user = answer == null || answer.isBlank() ? dflt.orElse("") : answer.strip();
        if (user.isEmpty()) {
            throw new CliException(ExitCodes.ERROR, "Error: Non-null Username Required");
        }
        return user;
    }

    private static String promptPassword() {
        requireTerminal();
        char[] pw = System.console().readPassword("Password: ");
        if (pw == null || pw.length == 0) {
            throw new CliException(ExitCodes.ERROR, "Error: Password Required");
        }
        return new String(pw);
    }

    private static void requireTerminal() {
        Streams.flush();
        if (!Terminals.stdinIsTerminal() || System.console() == null) {
            throw new CliException(ExitCodes.ERROR, "Error: Cannot perform an interactive login from a non TTY device");
        }
    }
}

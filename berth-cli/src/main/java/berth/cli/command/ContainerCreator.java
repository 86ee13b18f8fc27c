package berth.cli.command;

import berth.cli.BerthCommand;
import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.client.ClientException;
import berth.client.DaemonClient;
import berth.client.DaemonErrorException;
import berth.client.Query;
import berth.client.auth.RemoteReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Creates a container as {@code docker run}/{@code create} do: on "no such image" it says so, asks
 * the daemon to pull ({@code POST /images/create?fromImage=}, with the stored login for the image's
 * registry, progress on stderr), and creates again. Failures exit 125.
 */
final class ContainerCreator {
    private ContainerCreator() {}

    static String create(BerthCommand root, ObjectNode body, String name, String command, PrintStream err) {
        DaemonClient client = root.client();
        Query q = Query.of().addIfPresent("name", name);
        try {
            return client.postJson("/containers/create", q, body).path("Id").asText();
        } catch (DaemonErrorException e) {
            if (!e.isNotFound() || !e.daemonMessage().toLowerCase(java.util.Locale.ROOT).contains("no such image")) {
                throw refused(command, e.daemonMessage());
            }
        }
        String image = body.path("Image").asText();
        err.println("Unable to find image '" + image + "' locally");
        err.flush();
        pull(root, image, command, err);
        try {
            JsonNode created = client.postJson("/containers/create", q, body);
            for (JsonNode w : created.path("Warnings")) {
                err.println("WARNING: " + w.asText());
            }
            return created.path("Id").asText();
        } catch (DaemonErrorException e) {
            throw refused(command, e.daemonMessage());
        }
    }

    private static void pull(BerthCommand root, String image, String command, PrintStream err) {
        try {
            RemoteReference ref = RemoteReference.parse(image);
            Pulls.pull(root, ref.hasTagOrDigest() ? ref : ref.withTag("latest"), null,
                    ProgressDisplay.on(err, 2));
        } catch (DaemonErrorException e) {
            throw refused(command, e.daemonMessage());
        } catch (CliException e) {
            if (e.exitCode() == ExitCodes.DAEMON_REFUSED) {
                throw e;
            }
            throw refused(command, e.getMessage());
        } catch (ClientException | IOException e) {
            throw refused(command, e.getMessage());
        }
    }

    /** docker's run/create failure text: "docker: Error response from daemon: ..." plus a help hint; exit 125. */
    static CliException refused(String command, String daemonMessage) {
        return new CliException(ExitCodes.DAEMON_REFUSED, "berth: Error response from daemon: " + daemonMessage
                + "\n\nRun 'berth " + command + " --help' for more information");
    }
}

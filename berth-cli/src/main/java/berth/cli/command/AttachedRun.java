package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.cli.Signals;
import berth.cli.Terminals;
import berth.client.DaemonClient;
import berth.client.DaemonErrorException;
import berth.client.HijackedStream;
import berth.client.HttpResponse;
import berth.client.Json;
import berth.client.Query;
import berth.client.RequestBody;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Starts a container with the terminal attached, in docker's order (CLIENTS.md §1): attach (hijack)
 * and wait are open BEFORE start, so no output and no exit is missed; then output is copied
 * (demultiplexed unless TTY) until the daemon closes, and the exit code comes from the wait reply.
 */
final class AttachedRun {
    private AttachedRun() {}

    /**
     * @param detachKeys the user's --detach-keys, or null for the default
     */
    record Options(boolean tty, boolean stdin, boolean autoRemove, String command, String detachKeys, boolean sigProxy) {
        Options(boolean tty, boolean stdin, boolean autoRemove, String command) {
            this(tty, stdin, autoRemove, command, null, true);
        }
    }

    /** docker refuses -t with -i when stdin is not a terminal, before creating anything. */
    static void checkTty(boolean tty, boolean stdin) {
        if (tty && stdin && !Terminals.stdinIsTerminal()) {
            throw new CliException(ExitCodes.ERROR, "the input device is not a TTY");
        }
    }

    static int run(DaemonClient client, String id, Options o) throws IOException {
        DetachKeys keys = o.detachKeys() == null ? DetachKeys.parse(DetachKeys.DEFAULT)
                : FlagErrors.forCreate(o.command(), () -> DetachKeys.parse(o.detachKeys()));
        String path = Refs.container(id);
        HijackedStream session = client.hijack(path + "/attach",
                Query.of().add("stderr", "1").add("stdout", "1").add("stream", "1").flag("stdin", o.stdin())
                        .addIfPresent("detachKeys", o.detachKeys()),
                new RequestBody.Bytes("text/plain", new byte[0]));
        try (session) {
            HttpResponse wait = client.call("POST", path + "/wait",
                    Query.of().add("condition", o.autoRemove() ? "removed" : "next-exit"), RequestBody.NONE);
            try (wait) {
                try {
                    client.call("POST", path + "/start", Query.of(), RequestBody.NONE).close();
                } catch (DaemonErrorException e) {
                    throw new CliException(ExitCodes.forStartError(e.daemonMessage()),
                            "berth: Error response from daemon: " + e.daemonMessage()
                                    + "\n\nRun 'berth " + o.command() + " --help' for more information");
                }
                if (!o.tty() && o.sigProxy()) {
                    proxySignals(client, path);
                }
                boolean detached = new StreamSession().run(session, new StreamSession.Options(o.tty(), o.stdin(), keys),
                        (h, w) -> resize(client, path, h, w));
                return detached ? 0 : exitCode(wait);
            }
        }
    }

    static void resize(DaemonClient client, String path, int rows, int cols) {
        client.call("POST", path + "/resize", Query.of().add("h", Integer.toString(rows)).add("w", Integer.toString(cols)),
                RequestBody.NONE).close();
    }

    /** --sig-proxy (on by default without a TTY): SIGINT and SIGTERM go to the container as kill requests. */
    static void proxySignals(DaemonClient client, String path) {
        for (String sig : new String[] {"INT", "TERM"}) {
            Signals.on(sig, () -> {
                try {
                    client.call("POST", path + "/kill", Query.of().add("signal", sig), RequestBody.NONE).close();
                } catch (RuntimeException e) {
                    // the container may be gone already; the attach ends by itself then
                }
            });
        }
    }

    /** The StatusCode of the wait reply; an Error in it is reported and gives 125. */
    static int exitCode(HttpResponse wait) {
        JsonNode r = Json.parse(wait.readAllBytes());
        String error = r.path("Error").path("Message").asText("");
        if (!error.isEmpty()) {
            throw new CliException(ExitCodes.DAEMON_REFUSED, "berth: Error response from daemon: " + error);
        }
        if (!r.has("StatusCode")) {
            throw new CliException(ExitCodes.DAEMON_REFUSED, "berth: the daemon's wait reply had no StatusCode");
        }
        return r.path("StatusCode").asInt();
    }
}

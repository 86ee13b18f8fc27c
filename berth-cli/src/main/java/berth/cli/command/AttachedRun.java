package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.cli.Streams;
import berth.client.DaemonClient;
import berth.client.DaemonErrorException;
import berth.client.HijackedStream;
import berth.client.HttpResponse;
import berth.client.Json;
import berth.client.MultiplexedStreamReader;
import berth.client.Query;
import berth.client.RequestBody;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Starts a container with the terminal attached, in docker's order (CLIENTS.md §1): attach (hijack)
 * and wait are open BEFORE start, so no output and no exit is missed; then output is copied
 * (demultiplexed unless TTY) until the daemon closes, and the exit code comes from the wait reply.
 */
final class AttachedRun {
    private AttachedRun() {}

    record Options(boolean tty, boolean stdin, boolean autoRemove, String command) {}

    static int run(DaemonClient client, String id, Options o) throws IOException {
        String path = Refs.container(id);
        HijackedStream session = client.hijack(path + "/attach",
                Query.of().add("stderr", "1").add("stdout", "1").add("stream", "1").flag("stdin", o.stdin()),
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
                if (o.stdin()) {
                    forwardStdin(session);
                } else {
                    session.closeWrite(); // no stdin: tell the daemon at once, as the docker CLI does
                }
                copyOutput(session.input(), o.tty());
                return exitCode(wait);
            }
        }
    }

    private static void forwardStdin(HijackedStream session) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            OutputStream out = session.output();
            try {
                int n;
                while ((n = Streams.IN.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
                session.closeWrite();
            } catch (IOException e) {
                // the session ended first (container exited); nothing more to forward
            }
        }, "stdin-forwarder");
        t.setDaemon(true);
        t.start();
    }

    private static void copyOutput(InputStream in, boolean tty) throws IOException {
        if (tty) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                Streams.OUT.write(buf, 0, n);
                Streams.OUT.flush();
            }
        } else {
            new MultiplexedStreamReader(in).copyTo(Streams.OUT, Streams.ERR);
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

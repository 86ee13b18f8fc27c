package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.client.HijackedStream;
import berth.client.HttpResponse;
import berth.client.Query;
import berth.client.RequestBody;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth attach}: docker's order (CLIENTS.md §1) — wait (for the exit code), inspect, then the
 * hijacked attach (stdin only when the container keeps it open and --no-stdin is not given); exits
 * with the container's code, or 0 after the detach keys.
 */
@Command(name = "attach", description = "Attach local standard input, output, and error streams to a running container")
final class AttachCommand extends DaemonCommand {
    @Option(names = "--no-stdin", description = "Do not attach STDIN")
    boolean noStdin;

    @Option(names = "--sig-proxy", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Proxy all received signals to the process (default true)")
    boolean sigProxy = true;

    @Option(names = "--detach-keys", paramLabel = "KEYS", description = "Override the key sequence for detaching a container")
    String detachKeys;

    @Parameters(paramLabel = "CONTAINER")
    String container;

    @Override
    public Integer call() throws IOException {
        DetachKeys keys = FlagErrors.checked("attach", "[OPTIONS] CONTAINER", ExitCodes.ERROR,
                () -> DetachKeys.parse(detachKeys == null ? DetachKeys.DEFAULT : detachKeys));
        String path = Refs.container(container);
        JsonNode c = client().getJson(path + "/json", Query.of());
        JsonNode state = c.path("State");
        if (!state.path("Running").asBoolean(false)) {
            throw new CliException(ExitCodes.ERROR, "You cannot attach to a stopped container, start it first");
        }
        if (state.path("Paused").asBoolean(false)) {
            throw new CliException(ExitCodes.ERROR, "You cannot attach to a paused container, unpause it first");
        }
        if (state.path("Restarting").asBoolean(false)) {
            throw new CliException(ExitCodes.ERROR, "You cannot attach to a restarting container, wait until it is running");
        }
        boolean tty = c.path("Config").path("Tty").asBoolean(false);
        boolean stdin = !noStdin && c.path("Config").path("OpenStdin").asBoolean(false);
        if (stdin) {
            AttachedRun.checkTty(tty, true);
        }
        String id = Refs.container(c.path("Id").asText(container));
        HttpResponse wait = client().call("POST", id + "/wait", Query.of(), RequestBody.NONE);
        try (wait) {
            HijackedStream session = client().hijack(id + "/attach",
                    Query.of().add("stderr", "1").add("stdout", "1").add("stream", "1").flag("stdin", stdin)
                            .addIfPresent("detachKeys", detachKeys),
                    new RequestBody.Bytes("text/plain", new byte[0]));
            try (session) {
                if (!tty && sigProxy) {
                    AttachedRun.proxySignals(client(), id);
                }
                boolean detached = new StreamSession().run(session, new StreamSession.Options(tty, stdin, keys),
                        (h, w) -> AttachedRun.resize(client(), id, h, w));
                if (detached) {
                    return 0;
                }
            }
            return AttachedRun.exitCode(wait);
        }
    }
}

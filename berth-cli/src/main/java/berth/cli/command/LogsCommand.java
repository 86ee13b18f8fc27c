package berth.cli.command;

import berth.cli.Streams;
import berth.client.HttpResponse;
import berth.client.MultiplexedStreamReader;
import berth.client.Query;
import berth.client.RequestBody;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth logs}: inspect for the TTY flag, then stream the logs (multiplexed unless TTY). */
@Command(name = "logs", description = "Fetch the logs of a container")
final class LogsCommand extends DaemonCommand {
    @Option(names = {"-f", "--follow"}, description = "Follow log output")
    boolean follow;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "all", description = "Number of lines to show from the end of the logs (default \"all\")")
    String tail;

    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps")
    boolean timestamps;

    @Option(names = "--since", paramLabel = "TIME", description = "Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m)")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Show logs before a timestamp or relative time")
    String until;

    @Option(names = "--details", description = "Show extra details provided to logs")
    boolean details;

    @Parameters(paramLabel = "CONTAINER")
    String container;

    @Override
    public Integer call() throws IOException {
        JsonNode inspect = client().getJson(Refs.container(container) + "/json", Query.of());
        boolean tty = inspect.path("Config").path("Tty").asBoolean(false);
        Instant now = Instant.now();
        Query q = Query.of().add("stderr", "1").add("stdout", "1").add("tail", tail)
                .flag("follow", follow).flag("timestamps", timestamps).flag("details", details);
        if (since != null) {
            q.add("since", TimeArgs.toUnix(since, now));
        }
        if (until != null) {
            q.add("until", TimeArgs.toUnix(until, now));
        }
        try (HttpResponse r = client().call("GET", Refs.container(container) + "/logs", q, RequestBody.NONE)) {
            InputStream body = r.body();
            if (tty) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = body.read(buf)) > 0) {
                    Streams.OUT.write(buf, 0, n);
                    Streams.OUT.flush();
                }
            } else {
                new MultiplexedStreamReader(body).copyTo(Streams.OUT, Streams.ERR);
            }
        }
        return 0;
    }
}

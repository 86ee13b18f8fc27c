package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.cli.Terminals;
import berth.cli.format.OutputFormat;
import berth.cli.format.StatsRow;
import berth.client.DaemonErrorException;
import berth.client.HttpResponse;
import berth.client.JsonMessageReader;
import berth.client.Query;
import berth.client.RequestBody;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth stats}: one {@code GET /containers/{id}/stats} per container, in parallel. With
 * --no-stream one sample each ({@code stream=0}) and one table; otherwise the streams stay open and
 * the table is redrawn every half second (the screen cleared first on a terminal) until interrupted.
 */
@Command(name = "stats", description = "Display a live stream of container(s) resource usage statistics")
final class StatsCommand extends DaemonCommand {
    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running)")
    boolean all;

    @Option(names = "--no-stream", description = "Disable streaming stats and only pull the first result")
    boolean noStream;

    @Option(names = "--no-trunc", description = "Do not truncate output")
    boolean noTrunc;

    @Option(names = "--format", paramLabel = "STRING", description = "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or a Go template")
    String format;

    @Parameters(arity = "0..*", paramLabel = "CONTAINER")
    List<String> containers = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        OutputFormat fmt = OutputFormat.of(format, StatsRow.DEFAULT_TABLE);
        List<String> targets = containers.isEmpty() ? listed() : containers;
        Map<String, StatsRow> rows = new ConcurrentHashMap<>();
        List<String> errors = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Future<?>> tasks = new LinkedHashMap<>();
            for (String c : targets) {
                rows.put(c, StatsRow.waiting(c, c, noTrunc));
                tasks.put(c, pool.submit(() -> {
                    follow(c, rows);
                    return null;
                }));
            }
            if (noStream) {
                for (var t : tasks.entrySet()) {
                    try {
                        t.getValue().get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        switch (e.getCause()) {
                            case DaemonErrorException d -> {
                                errors.add("Error response from daemon: " + d.daemonMessage());
                                rows.remove(t.getKey());
                            }
                            case RuntimeException r -> throw r; // unreachable daemon and the like: reported as usual
                            case IOException io -> throw io;
                            default -> throw e;
                        }
                    }
                }
                if (!errors.isEmpty()) {
                    throw new CliException(ExitCodes.ERROR, String.join("\n", errors));
                }
                out().print(render(fmt, targets, rows));
                return 0;
            }
            boolean terminal = Terminals.stdoutIsTerminal();
            while (true) {
                if (terminal) {
                    out().print("\033[2J\033[H");
                }
                out().print(render(fmt, targets, rows));
                out().flush();
                if (tasks.values().stream().allMatch(Future::isDone)) {
                    return 0;
                }
                Thread.sleep(500);
            }
        }
    }

    private List<String> listed() {
        List<String> ids = new ArrayList<>();
        for (JsonNode c : client().getJson("/containers/json", Query.of().flag("all", all))) {
            ids.add(c.path("Id").asText());
        }
        return ids;
    }

    private void follow(String container, Map<String, StatsRow> rows) throws IOException {
        Query q = Query.of().add("stream", noStream ? "0" : "1");
        try (HttpResponse r = client().call("GET", Refs.container(container) + "/stats", q, RequestBody.NONE);
                JsonMessageReader reader = new JsonMessageReader(r.body())) {
            JsonNode s;
            while ((s = reader.next()) != null) {
                rows.put(container, StatsRow.of(container, s, noTrunc));
                if (noStream) {
                    return;
                }
            }
        }
    }

    private static String render(OutputFormat fmt, List<String> order, Map<String, StatsRow> rows) {
        List<StatsRow> list = new ArrayList<>();
        for (String c : order) {
            StatsRow r = rows.get(c);
            if (r != null) {
                list.add(r);
            }
        }
        return fmt.render(list, StatsRow.HEADERS);
    }
}

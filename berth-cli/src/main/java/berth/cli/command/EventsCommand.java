package berth.cli.command;

import berth.cli.format.PlainValues;
import berth.cli.format.Template;
import berth.client.HttpResponse;
import berth.client.JsonMessageReader;
import berth.client.Query;
import berth.client.RequestBody;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth events}: {@code GET /events} with since/until/filters, printing each event as it
 * arrives until the daemon ends the stream (with --until) or the user interrupts.
 */
@Command(name = "events", description = "Get real time events from the server")
final class EventsCommand extends DaemonCommand {
    /** Go's RFC3339NanoFixed layout, in the local zone as docker prints it. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX");

    @Option(names = "--since", paramLabel = "TIME", description = "Show all events created since timestamp")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Stream events until this timestamp")
    String until;

    @Option(names = {"-f", "--filter"}, paramLabel = "FILTER", description = "Filter output based on conditions provided")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "STRING", description = "Format output using a custom template: 'json' or a Go template")
    String format;

    @Override
    public Integer call() throws IOException {
        Instant now = Instant.now();
        Query q = Query.of().addIfPresent("filters", Filters.toJson(filters));
        if (since != null) {
            q.add("since", TimeArgs.toUnix(since, now));
        }
        if (until != null) {
            q.add("until", TimeArgs.toUnix(until, now));
        }
        Template template = format == null || format.isBlank() ? null
                : Template.parse(format.strip().equals("json") ? "{{json .}}" : unescape(format));
        try (HttpResponse r = client().call("GET", "/events", q, RequestBody.NONE);
                JsonMessageReader reader = new JsonMessageReader(r.body())) {
            JsonNode event;
            while ((event = reader.next()) != null) {
                out().print(template == null ? pretty(event, ZoneId.systemDefault()) : template.execute(PlainValues.of(event)) + "\n");
                out().flush();
            }
        }
        return 0;
    }

    private static String unescape(String s) {
        return s.replace("\\t", "\t").replace("\\n", "\n");
    }

    /** docker's default line: "TIME TYPE ACTION ID (k=v, ...)" with the attributes sorted by key. */
    static String pretty(JsonNode e, ZoneId zone) {
        StringBuilder sb = new StringBuilder();
        long nanos = e.path("timeNano").asLong(0);
        long secs = e.path("time").asLong(0);
        if (nanos != 0) {
            sb.append(TIME.format(Instant.ofEpochSecond(0, nanos).atZone(zone))).append(' ');
        } else if (secs != 0) {
            sb.append(TIME.format(Instant.ofEpochSecond(secs).atZone(zone))).append(' ');
        }
        String type = e.path("Type").asText("");
        String action = e.path("Action").asText(e.path("status").asText(""));
        String id = e.path("Actor").path("ID").asText(e.path("id").asText(""));
        sb.append(type).append(' ').append(action).append(' ').append(id);
        Map<String, String> attrs = new TreeMap<>();
        e.path("Actor").path("Attributes").properties().forEach(a -> attrs.put(a.getKey(), a.getValue().asText()));
        if (!attrs.isEmpty()) {
            List<String> kv = new ArrayList<>();
            attrs.forEach((k, v) -> kv.add(k + "=" + v));
            sb.append(" (").append(String.join(", ", kv)).append(')');
        }
        return sb.append('\n').toString();
    }
}

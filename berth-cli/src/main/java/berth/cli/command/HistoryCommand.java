package berth.cli.command;

import berth.cli.format.HumanUnits;
import berth.cli.format.Ids;
import berth.cli.format.OutputFormat;
import berth.cli.format.Template;
import berth.cli.format.TemplateData;
import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth history} / {@code berth image history}. */
@Command(name = "history", description = "Show the history of an image")
final class HistoryCommand extends DaemonCommand {
    private static final String TABLE = "{{.ID}}\\t{{.CreatedSince}}\\t{{.CreatedBy}}\\t{{.Size}}\\t{{.Comment}}";
    private static final Map<String, String> HEADERS = Map.of("ID", "IMAGE", "CreatedSince", "CREATED",
            "CreatedAt", "CREATED AT", "CreatedBy", "CREATED BY", "Size", "SIZE", "Comment", "COMMENT");

    @Option(names = {"-H", "--human"}, negatable = true, defaultValue = "true", fallbackValue = "true", arity = "0..1",
            description = "Print sizes and dates in human readable format (default true)")
    boolean human;

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs")
    boolean quiet;

    @Option(names = "--format", paramLabel = "STRING", description = "Format output using a Go-style template")
    String format;

    @Parameters(paramLabel = "IMAGE")
    String image;

    @Override
    public Integer call() {
        JsonNode entries = client().getJson(Refs.image(image) + "/history", Query.of());
        Instant now = Instant.now();
        List<TemplateData> rows = new ArrayList<>();
        for (JsonNode e : entries) {
            rows.add(new Row(e, now));
        }
        out().print(OutputFormat.of(quiet ? "{{.ID}}" : format, TABLE).render(rows, HEADERS));
        return 0;
    }

    private final class Row implements TemplateData {
        private final JsonNode e;
        private final Instant now;

        Row(JsonNode e, Instant now) {
            this.e = e;
            this.now = now;
        }

        @Override
        public Object field(String name) {
            Instant created = Instant.ofEpochSecond(e.path("Created").asLong());
            return switch (name) {
                case "ID" -> {
                    String id = e.path("Id").asText("<missing>");
                    yield id.equals("<missing>") || noTrunc ? id : Ids.shortId(id);
                }
                case "CreatedSince" -> human ? HumanUnits.ago(created, now) : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(created.atZone(java.time.ZoneId.systemDefault()));
                case "CreatedAt" -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(created.atZone(java.time.ZoneId.systemDefault()));
                case "CreatedBy" -> {
                    String by = e.path("CreatedBy").asText("").replace("\t", " ");
                    yield noTrunc ? by : Ids.ellipsis(by, 45);
                }
                case "Size" -> human ? HumanUnits.size(e.path("Size").asLong()) : String.valueOf(e.path("Size").asLong());
                case "Comment" -> e.path("Comment").asText("");
                default -> Template.NO_VALUE;
            };
        }

        @Override
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String f : List.of("Comment", "CreatedAt", "CreatedBy", "CreatedSince", "ID", "Size")) {
                m.put(f, field(f));
            }
            return m;
        }
    }
}

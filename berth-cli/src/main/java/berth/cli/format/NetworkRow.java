package berth.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One line of {@code network ls} (docker's NetworkContext fields). */
public final class NetworkRow implements TemplateData {
    public static final String DEFAULT_TABLE = "{{.ID}}\\t{{.Name}}\\t{{.Driver}}\\t{{.Scope}}";
    public static final Map<String, String> HEADERS = Map.ofEntries(
            Map.entry("ID", "NETWORK ID"), Map.entry("Name", "NAME"), Map.entry("Driver", "DRIVER"),
            Map.entry("Scope", "SCOPE"), Map.entry("IPv6", "IPV6"), Map.entry("Internal", "INTERNAL"),
            Map.entry("Labels", "LABELS"), Map.entry("Label", "LABEL"), Map.entry("CreatedAt", "CREATED AT"));
    private static final List<String> FIELDS = List.of("CreatedAt", "Driver", "ID", "IPv6", "Internal", "Labels",
            "Name", "Scope");

    private final JsonNode n;
    private final boolean trunc;

    public NetworkRow(JsonNode network, boolean trunc) {
        this.n = network;
        this.trunc = trunc;
    }

    public String name() {
        return n.path("Name").asText("");
    }

    @Override
    public Object field(String name) {
        return switch (name) {
            case "ID" -> trunc ? Ids.shortId(n.path("Id").asText("")) : n.path("Id").asText("");
            case "Name" -> name();
            case "Driver" -> n.path("Driver").asText("");
            case "Scope" -> n.path("Scope").asText("");
            case "IPv6" -> String.valueOf(n.path("EnableIPv6").asBoolean(false));
            case "Internal" -> String.valueOf(n.path("Internal").asBoolean(false));
            case "Labels" -> labels();
            case "CreatedAt" -> createdAt();
            default -> Template.NO_VALUE;
        };
    }

    @Override
    public Object call(String name, List<Object> args) {
        if (name.equals("Label") && args.size() == 1) {
            return n.path("Labels").path(GoValues.print(args.getFirst())).asText("");
        }
        return TemplateData.super.call(name, args);
    }

    /** "k=v,k2=v2", sorted by key. */
    private String labels() {
        Map<String, String> sorted = new TreeMap<>();
        n.path("Labels").properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asText("")));
        StringBuilder sb = new StringBuilder();
        sorted.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }

    private String createdAt() {
        try {
            return HumanUnits.goTime(Instant.parse(n.path("Created").asText("")));
        } catch (DateTimeParseException e) {
            return n.path("Created").asText("");
        }
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : FIELDS) {
            m.put(f, field(f));
        }
        return m;
    }
}

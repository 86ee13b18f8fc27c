package berth.cli.format;

import berth.client.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One container of {@code GET /containers/json} as {@code ps} shows it (docker's ContainerContext fields). */
public final class ContainerRow implements TemplateData {
    public static final String DEFAULT_TABLE =
            "{{.ID}}\\t{{.Image}}\\t{{.Command}}\\t{{.RunningFor}}\\t{{.Status}}\\t{{.Ports}}\\t{{.Names}}";
    public static final Map<String, String> HEADERS = Map.ofEntries(
            Map.entry("ID", "CONTAINER ID"), Map.entry("Image", "IMAGE"), Map.entry("ImageID", "IMAGE ID"),
            Map.entry("Command", "COMMAND"), Map.entry("CreatedAt", "CREATED AT"), Map.entry("RunningFor", "CREATED"),
            Map.entry("Ports", "PORTS"), Map.entry("State", "STATE"), Map.entry("Status", "STATUS"),
            Map.entry("Size", "SIZE"), Map.entry("Names", "NAMES"), Map.entry("Labels", "LABELS"),
            Map.entry("Label", "LABEL"), Map.entry("Mounts", "MOUNTS"), Map.entry("Networks", "NETWORKS"),
            Map.entry("LocalVolumes", "LOCAL VOLUMES"));
    private static final List<String> FIELDS = List.of("Command", "CreatedAt", "ID", "Image", "Labels", "LocalVolumes",
            "Mounts", "Names", "Networks", "Ports", "RunningFor", "Size", "State", "Status");

    private final JsonNode c;
    private final boolean trunc;
    private final Instant now;

    public ContainerRow(JsonNode container, boolean trunc, Instant now) {
        this.c = container;
        this.trunc = trunc;
        this.now = now;
    }

    @Override
    public Object field(String name) {
        return switch (name) {
            case "ID" -> trunc ? Ids.shortId(c.path("Id").asText()) : c.path("Id").asText();
            case "Names" -> names();
            case "Image" -> image();
            case "ImageID" -> trunc ? Ids.shortId(c.path("ImageID").asText()) : c.path("ImageID").asText();
            case "Command" -> Ids.quote(trunc ? Ids.ellipsis(c.path("Command").asText(), 20) : c.path("Command").asText());
            case "CreatedAt" -> HumanUnits.goTime(Instant.ofEpochSecond(c.path("Created").asLong()));
            case "RunningFor" -> HumanUnits.ago(Instant.ofEpochSecond(c.path("Created").asLong()), now);
            case "Ports" -> Ports.display(c.path("Ports"));
            case "State" -> c.path("State").asText();
            case "Status" -> c.path("Status").asText();
            case "Size" -> size();
            case "Labels" -> labels();
            case "Mounts" -> mounts();
            case "Networks" -> String.join(",", new TreeMap<>(toMap(c.path("NetworkSettings").path("Networks"))).keySet());
            case "LocalVolumes" -> String.valueOf(localVolumes());
            default -> Template.NO_VALUE;
        };
    }

    @Override
    public Object call(String name, List<Object> args) {
        if (name.equals("Label") && args.size() == 1) {
            return c.path("Labels").path(GoValues.print(args.getFirst())).asText("");
        }
        return TemplateData.super.call(name, args);
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : FIELDS) {
            m.put(f, field(f));
        }
        return m;
    }

    private String names() {
        List<String> out = new ArrayList<>();
        for (JsonNode n : c.path("Names")) {
            String name = n.asText();
            String stripped = name.startsWith("/") ? name.substring(1) : name;
            // link aliases look like "/other/alias"; docker hides them in the truncated view
            if (trunc && stripped.contains("/")) {
                continue;
            }
            out.add(stripped);
        }
        return String.join(",", out);
    }

    private String image() {
        String image = c.path("Image").asText();
        if (image.isEmpty()) {
            return "<no image>";
        }
        if (trunc) {
            if (image.startsWith("sha256:")) {
                return Ids.shortId(image);
            }
            int at = image.indexOf("@sha256:");
            if (at > 0) {
                return image.substring(0, at);
            }
        }
        return image;
    }

    private String size() {
        if (!c.has("SizeRw") && !c.has("SizeRootFs")) {
            return "0B";
        }
        String rw = HumanUnits.size(c.path("SizeRw").asLong());
        long rootFs = c.path("SizeRootFs").asLong();
        return rootFs > 0 ? rw + " (virtual " + HumanUnits.size(rootFs) + ")" : rw;
    }

    private String labels() {
        List<String> out = new ArrayList<>();
        new TreeMap<>(toMap(c.path("Labels"))).forEach((k, v) -> out.add(k + "=" + v));
        return String.join(",", out);
    }

    private String mounts() {
        List<String> out = new ArrayList<>();
        for (JsonNode m : c.path("Mounts")) {
            String name = m.path("Name").asText("");
            String label = name.isEmpty() ? m.path("Source").asText("") : name;
            if (trunc) {
                label = Ids.ellipsis(label, 15);
            }
            out.add(label);
        }
        return String.join(",", out);
    }

    private long localVolumes() {
        long n = 0;
        for (JsonNode m : c.path("Mounts")) {
            if (m.path("Driver").asText("").equals("local")) {
                n++;
            }
        }
        return n;
    }

    private static Map<String, String> toMap(JsonNode obj) {
        Map<String, String> m = new LinkedHashMap<>();
        obj.properties().forEach(e -> m.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : Json.text(e.getValue())));
        return m;
    }
}

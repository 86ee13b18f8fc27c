package berth.compose.project;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One container of a project as the container list reports it, with its compose labels decoded.
 *
 * @param name the name without the leading slash
 * @param number the {@code container-number} label (0 when missing)
 * @param state the list's State: created, running, paused, restarting, exited, dead
 */
public record ProjectContainer(String id, String name, String service, int number, boolean oneOff, String configHash,
        String image, String imageId, String state, String status, Map<String, String> labels, JsonNode summary) {
    public ProjectContainer {
        labels = Map.copyOf(labels);
    }

    /** Decodes an entry of {@code GET /containers/json}. */
    public static ProjectContainer fromSummary(JsonNode c) {
        Map<String, String> labels = new LinkedHashMap<>();
        c.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        String name = c.path("Names").path(0).asText("");
        if (name.startsWith("/")) {
            name = name.substring(1);
        }
        int number;
        try {
            number = Integer.parseInt(labels.getOrDefault(ComposeLabels.CONTAINER_NUMBER, "0"));
        } catch (NumberFormatException e) {
            number = 0;
        }
        return new ProjectContainer(c.path("Id").asText(), name, labels.getOrDefault(ComposeLabels.SERVICE, ""), number,
                "True".equalsIgnoreCase(labels.get(ComposeLabels.ONEOFF)), labels.getOrDefault(ComposeLabels.CONFIG_HASH, ""),
                c.path("Image").asText(""), c.path("ImageID").asText(""), c.path("State").asText(""),
                c.path("Status").asText(""), labels, c);
    }

    public boolean running() {
        return state.equals("running") || state.equals("restarting") || state.equals("paused");
    }

    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}

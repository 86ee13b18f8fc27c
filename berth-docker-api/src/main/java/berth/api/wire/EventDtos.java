package berth.api.wire;

import berth.events.Event;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** {@code GET /events}: one JSON object per event, Docker's shape (with the pre-1.22 fields for containers and images). */
public final class EventDtos {
    private EventDtos() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(
            @JsonProperty("status") String status,
            @JsonProperty("id") String id,
            @JsonProperty("from") String from,
            @JsonProperty("Type") String type,
            @JsonProperty("Action") String action,
            @JsonProperty("Actor") Actor actor,
            @JsonProperty("scope") String scope,
            @JsonProperty("time") long time,
            @JsonProperty("timeNano") long timeNano) {}

    public record Actor(@JsonProperty("ID") String id, @JsonProperty("Attributes") Map<String, String> attributes) {}

    public static Message of(Event e) {
        boolean legacy = e.type().equals("container") || e.type().equals("image");
        String from = e.type().equals("container") ? e.attributes().get("image") : null;
        long nanos = e.time().getEpochSecond() * 1_000_000_000L + e.time().getNano();
        return new Message(legacy ? e.action() : null, legacy ? e.actorId() : null, from, e.type(), e.action(),
                new Actor(e.actorId(), e.attributes()), "local", e.time().getEpochSecond(), nanos);
    }
}

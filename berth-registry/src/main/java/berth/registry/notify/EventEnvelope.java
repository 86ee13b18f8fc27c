package berth.registry.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The JSON body Docker Distribution POSTs to endpoints: {@code {"events": [...]}}. */
public final class EventEnvelope {
    public static final String MEDIA_TYPE = "application/vnd.docker.distribution.events.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventEnvelope() {}

    public static byte[] encode(List<Event> events, String sourceAddr, String instanceId) {
        ObjectNode root = JSON.createObjectNode();
        var list = root.putArray("events");
        for (Event e : events) {
            ObjectNode ev = list.addObject();
            ev.put("id", e.id());
            ev.put("timestamp", e.timestamp().toString());
            ev.put("action", e.action());
            ObjectNode target = ev.putObject("target");
            e.mediaType().ifPresent(m -> target.put("mediaType", m));
            target.put("size", e.size());
            target.put("digest", e.digest());
            target.put("length", e.size());
            target.put("repository", e.repository());
            target.put("url", e.url());
            e.tag().ifPresent(t -> target.put("tag", t));
            ev.putObject("request")
                    .put("id", e.id())
                    .put("addr", e.requestAddr())
                    .put("host", e.requestHost())
                    .put("method", e.requestMethod())
                    .put("useragent", e.userAgent());
            ObjectNode actor = ev.putObject("actor");
            e.actor().ifPresent(a -> actor.put("name", a));
            ev.putObject("source").put("addr", sourceAddr).put("instanceID", instanceId);
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

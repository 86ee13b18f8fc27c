package berth.events;

import java.time.Instant;
import java.util.Map;

/**
 * Something that happened to an object the daemon manages, as {@code GET /events} reports it.
 *
 * @param type       "container", "image", "network", "volume", "daemon"
 * @param action     Docker's action word: "create", "start", "die", "health_status: healthy", ...
 * @param actorId    the object's ID (an image event: the reference or ID Docker names)
 * @param attributes name, image, exitCode, signal, the container's labels, ...
 */
public record Event(String type, String action, String actorId, Map<String, String> attributes, Instant time) {
    public Event {
        attributes = Map.copyOf(attributes);
    }
}

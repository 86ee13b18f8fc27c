package berth.container.local;

import berth.container.Container;
import berth.events.Event;
import berth.events.EventSink;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Publishes container events with the attributes Docker gives them: the labels, image and name, then extras. */
final class ContainerEvents {
    private final EventSink sink;

    ContainerEvents(EventSink sink) {
        this.sink = sink;
    }

    void publish(Container c, String action) {
        publish(c, action, Map.of());
    }

    void publish(Container c, String action, Map<String, String> extra) {
        Map<String, String> attributes = new LinkedHashMap<>(c.config().labels());
        attributes.put("image", c.imageName());
        attributes.put("name", c.name());
        attributes.putAll(extra);
        sink.publish(new Event("container", action, c.id(), attributes, Instant.now()));
    }
}

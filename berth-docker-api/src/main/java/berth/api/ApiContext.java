package berth.api;

import berth.container.ContainerService;
import berth.events.EventLog;
import berth.image.ImageService;
import java.util.Objects;

/** What the API server serves: the engine's services and the facts /version and /info show. */
public record ApiContext(ImageService images, ContainerService containers, DaemonInfo info, EventLog events) {
    public ApiContext {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(containers, "containers");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(events, "events");
    }

    /** A context whose events come from nowhere (tests with fakes). */
    public ApiContext(ImageService images, ContainerService containers, DaemonInfo info) {
        this(images, containers, info, new EventLog());
    }
}

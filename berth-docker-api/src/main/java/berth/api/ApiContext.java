package berth.api;

import berth.container.ContainerService;
import berth.events.EventLog;
import berth.image.ImageService;
import java.util.Objects;

/**
 * What the API server serves: the engine's services and the facts /version and /info show.
 * {@code volumes} and {@code networks} may be null (test fakes): then /volumes or /networks are not served.
 */
public record ApiContext(ImageService images, ContainerService containers, DaemonInfo info, EventLog events,
        berth.volume.VolumeService volumes, berth.network.NetworkService networks) {
    public ApiContext {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(containers, "containers");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(events, "events");
    }

    /** Without networks. */
    public ApiContext(ImageService images, ContainerService containers, DaemonInfo info, EventLog events,
            berth.volume.VolumeService volumes) {
        this(images, containers, info, events, volumes, null);
    }

    /** Without volumes. */
    public ApiContext(ImageService images, ContainerService containers, DaemonInfo info, EventLog events) {
        this(images, containers, info, events, null);
    }

    /** A context whose events come from nowhere (tests with fakes). */
    public ApiContext(ImageService images, ContainerService containers, DaemonInfo info) {
        this(images, containers, info, new EventLog());
    }
}

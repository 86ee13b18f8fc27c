package berth.api;

import berth.container.ContainerService;
import berth.events.EventLog;
import berth.image.ImageService;
import berth.image.RegistryService;
import java.util.Objects;

/**
 * What the API server serves: the engine's services and the facts /version and /info show.
 * {@code volumes}, {@code networks}, {@code registries} and {@code builder} may be null (test fakes): then
 * /volumes or /networks are not served, pull, push, /auth and /distribution answer that berth cannot reach
 * registries, and /build answers 501.
 */
public record ApiContext(ImageService images, ContainerService containers, DaemonInfo info, EventLog events,
        berth.volume.VolumeService volumes, berth.network.NetworkService networks, RegistryService registries,
        berth.build.BuilderService builder) {
    public ApiContext {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(containers, "containers");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(events, "events");
    }

    /** Without a builder. */
    public ApiContext(ImageService images, ContainerService containers, DaemonInfo info, EventLog events,
            berth.volume.VolumeService volumes, berth.network.NetworkService networks, RegistryService registries) {
        this(images, containers, info, events, volumes, networks, registries, null);
    }

    /** Without registries. */
    public ApiContext(ImageService images, ContainerService containers, DaemonInfo info, EventLog events,
            berth.volume.VolumeService volumes, berth.network.NetworkService networks) {
        this(images, containers, info, events, volumes, networks, null);
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

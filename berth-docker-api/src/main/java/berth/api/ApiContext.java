package berth.api;

import berth.container.ContainerService;
import berth.image.ImageService;
import java.util.Objects;

/** What the API server serves: the engine's services and the facts /version and /info show. */
public record ApiContext(ImageService images, ContainerService containers, DaemonInfo info) {
    public ApiContext {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(containers, "containers");
        Objects.requireNonNull(info, "info");
    }
}

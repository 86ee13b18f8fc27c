package berth.api.routes;

import berth.api.http.Router;
import berth.api.wire.CommitRequest;
import berth.container.ContainerService;
import berth.errors.BerthException;
import java.util.Map;

/** {@code POST /commit}: a container's changes as a new image ({@code docker commit}). */
public final class CommitRoutes {
    private final ContainerService containers;

    public CommitRoutes(ContainerService containers) {
        this.containers = containers;
    }

    public void register(Router r) {
        r.add("POST", "/commit", ex -> {
            String container = ex.query().nonBlank("container")
                    .orElseThrow(() -> BerthException.invalid("a container is required (the container query parameter)"));
            var options = CommitRequest.toOptions(ex.query(), ex.jsonBody());
            ex.respondJson(201, Map.of("Id", containers.commit(container, options).toString()));
        });
    }
}

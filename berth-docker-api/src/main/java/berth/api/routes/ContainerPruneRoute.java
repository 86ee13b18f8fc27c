package berth.api.routes;

import berth.api.http.Exchange;
import berth.api.http.Filters;
import berth.api.http.Router;
import berth.container.Container;
import berth.container.ContainerFilter;
import berth.container.ContainerService;
import berth.errors.BerthException;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code POST /containers/prune} as dockerd 20.10 does it: every container that is not running (created,
 * exited, dead) and matches the {@code label}, {@code label!} and {@code until} filters is removed; one that
 * cannot be (it started meanwhile) is skipped. {@code docker system prune} calls this first, then the
 * network, image and build cache prunes.
 *
 * <p>{@code SpaceReclaimed} is the bytes of the writable layers removed, each measured just before its
 * container goes (as dockerd does; a container it could not measure counts 0).
 */
public final class ContainerPruneRoute {
    private static final Set<String> FILTERS = Set.of("label", "label!", "until");
    private static final List<String> NOT_RUNNING = List.of("created", "exited", "dead");

    private final ContainerService containers;

    public ContainerPruneRoute(ContainerService containers) {
        this.containers = containers;
    }

    public void register(Router r) {
        r.add("POST", "/containers/prune", this::prune);
    }

    record PruneReport(@JsonProperty("ContainersDeleted") List<String> containersDeleted,
                       @JsonProperty("SpaceReclaimed") long spaceReclaimed) {}

    private void prune(Exchange ex) {
        Filters f = ex.query().filters().requireOnly(FILTERS);
        Instant now = Instant.now();
        Optional<Instant> until = f.get("until").stream().map(v -> berth.image.ImageFilters.timestamp(v, now))
                .reduce((a, b) -> {
                    throw BerthException.invalid("filters expect only one value");
                });
        List<String> deleted = new ArrayList<>();
        long reclaimed = 0;
        for (Container c : containers.list(new ContainerFilter(true, OptionalInt.empty(), List.of(), NOT_RUNNING, List.of(),
                List.of(), List.of()))) {
            if (c.state().running() || until.isPresent() && c.created().isAfter(until.get())) {
                continue;
            }
            if (!matches(f, c.config().labels())) {
                continue;
            }
            try {
                long size = containers.writableLayerSize(c.id()).orElse(0);
                containers.remove(c.id(), false, false);
                deleted.add(c.id());
                reclaimed += size;
            } catch (BerthException skipped) {
                // started or removed meanwhile: dockerd skips it as well
            }
        }
        ex.respondJson(200, new PruneReport(deleted.isEmpty() ? null : deleted, reclaimed));
    }

    /** Every {@code label} matches, and not every {@code label!} does (dockerd's rule, quirks included). */
    static boolean matches(Filters f, Map<String, String> labels) {
        List<String> not = f.get("label!");
        return berth.image.ImageService.labelsMatch(f.get("label"), labels)
                && (not.isEmpty() || !berth.image.ImageService.labelsMatch(not, labels));
    }
}

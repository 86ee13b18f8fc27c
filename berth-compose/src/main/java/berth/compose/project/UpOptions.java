package berth.compose.project;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code up} is asked for.
 *
 * @param services the services named on the command line (empty: all); their dependencies come too unless {@code noDeps}
 * @param scale per-service replica counts from {@code --scale}
 * @param build {@code --build}: rebuild services that have {@code build:}
 * @param waitReady {@code --wait}: return once every container is running (and healthy when it has a healthcheck)
 * @param timeout the stop timeout for containers that are replaced or removed
 */
public record UpOptions(List<String> services, ConvergencePlan.RecreatePolicy recreate, Map<String, Integer> scale,
        boolean removeOrphans, boolean build, boolean noStart, boolean noDeps, boolean waitReady, Optional<Integer> timeout) {
    public UpOptions {
        services = List.copyOf(services);
        scale = Map.copyOf(scale);
    }

    public static UpOptions defaults() {
        return new UpOptions(List.of(), ConvergencePlan.RecreatePolicy.DIVERGED, Map.of(), false, false, false, false, false,
                Optional.empty());
    }
}

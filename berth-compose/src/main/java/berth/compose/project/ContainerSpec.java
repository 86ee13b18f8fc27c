package berth.compose.project;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one container of a service is created as, beyond the service itself: its name and number, the
 * image to run, and a one-off's overrides ({@code compose run}).
 *
 * @param image the image reference the container runs (the service's, or the built tag)
 * @param configHash the service's config hash, written as a label
 * @param command replaces the service's command when present
 * @param extraEnv {@code K=V} entries added after the service's environment
 * @param networkModeContainer the ID a {@code network_mode: service:x} resolves to (empty otherwise)
 */
public record ContainerSpec(String name, int number, boolean oneOff, String image, String configHash,
        Optional<List<String>> command, List<String> extraEnv, Optional<String> user, Optional<String> workingDir,
        Optional<Boolean> tty, Optional<Boolean> stdinOpen, boolean serviceAliases, boolean publishPorts,
        Optional<String> networkModeContainer, Map<String, String> extraLabels) {
    public ContainerSpec {
        extraEnv = List.copyOf(extraEnv);
        extraLabels = Map.copyOf(extraLabels);
    }

    /** A regular service container. */
    public static ContainerSpec of(String name, int number, String image, String configHash) {
        return new ContainerSpec(name, number, false, image, configHash, Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), true, true, Optional.empty(), Map.of());
    }

    public ContainerSpec withNetworkModeContainer(String id) {
        return new ContainerSpec(name, number, oneOff, image, configHash, command, extraEnv, user, workingDir, tty,
                stdinOpen, serviceAliases, publishPorts, Optional.of(id), extraLabels);
    }
}

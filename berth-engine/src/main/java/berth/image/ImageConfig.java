package berth.image;

import berth.container.HealthConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run-time defaults an image carries (the {@code config} object of an OCI/Docker image config).
 * Lists and maps are never null: an absent value is empty. {@code cmd} and {@code entrypoint} are
 * Optional because "absent" and "empty list" differ for Docker ({@code --entrypoint ""} clears).
 * {@code shell} (Dockerfile SHELL, empty: {@code /bin/sh -c}) and {@code onBuild} (ONBUILD triggers) are the builder's.
 */
public record ImageConfig(
        Optional<String> user,
        List<String> env,
        Optional<List<String>> entrypoint,
        Optional<List<String>> cmd,
        Optional<String> workingDir,
        Map<String, String> labels,
        List<String> exposedPorts,
        List<String> volumes,
        Optional<String> stopSignal,
        Optional<HealthConfig> healthcheck,
        List<String> shell,
        List<String> onBuild) {

    /** An image config without SHELL or ONBUILD (what {@code docker commit} and import make). */
    public ImageConfig(Optional<String> user, List<String> env, Optional<List<String>> entrypoint,
            Optional<List<String>> cmd, Optional<String> workingDir, Map<String, String> labels,
            List<String> exposedPorts, List<String> volumes, Optional<String> stopSignal,
            Optional<HealthConfig> healthcheck) {
        this(user, env, entrypoint, cmd, workingDir, labels, exposedPorts, volumes, stopSignal, healthcheck, List.of(),
                List.of());
    }

    /** An image config without a health check. */
    public ImageConfig(Optional<String> user, List<String> env, Optional<List<String>> entrypoint,
            Optional<List<String>> cmd, Optional<String> workingDir, Map<String, String> labels,
            List<String> exposedPorts, List<String> volumes, Optional<String> stopSignal) {
        this(user, env, entrypoint, cmd, workingDir, labels, exposedPorts, volumes, stopSignal, Optional.empty());
    }

    public ImageConfig {
        healthcheck = healthcheck == null ? Optional.empty() : healthcheck;
        env = List.copyOf(env);
        entrypoint = entrypoint.map(List::copyOf);
        cmd = cmd.map(List::copyOf);
        labels = Map.copyOf(labels);
        exposedPorts = List.copyOf(exposedPorts);
        volumes = List.copyOf(volumes);
        shell = shell == null ? List.of() : List.copyOf(shell);
        onBuild = onBuild == null ? List.of() : List.copyOf(onBuild);
    }

    public static ImageConfig empty() {
        return new ImageConfig(Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), List.of(), List.of(), Optional.empty());
    }
}

package berth.container;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A create request, translated from the wire. Optional fields that are empty take the image's
 * defaults. Lists and maps are never null.
 *
 * @param name        without the leading slash; empty: a generated name
 * @param image       the image reference as the user gave it
 * @param networkMode "none", "host", "default"/"bridge", a network's name or id, or "container:<x>"
 * @param autoRemove  {@code HostConfig.AutoRemove}: remove the container once it has exited
 * @param hostConfig  resources, security, mounts, namespaces, restart policy (not yet validated)
 * @param healthcheck the create request's {@code Healthcheck}; empty: the image's
 * @param unsupported names of requested features berth cannot honour yet (e.g. "HostConfig.Binds");
 *                    create refuses with NOT_IMPLEMENTED when this is non-empty
 * @param consoleSize {@code HostConfig.ConsoleSize}: the terminal's first size when {@code tty}
 * @param volumes     {@code Config.Volumes}: container paths that get an anonymous volume ({@code -v /path})
 * @param volumesFrom {@code HostConfig.VolumesFrom}: "container[:ro|rw]" whose volume mounts to share
 * @param endpoints   {@code NetworkingConfig.EndpointsConfig}: network name → aliases, links, fixed address
 */
public record ContainerSpec(
        Optional<String> name,
        String image,
        Optional<List<String>> cmd,
        Optional<List<String>> entrypoint,
        List<String> env,
        Optional<String> workingDir,
        Optional<String> user,
        Map<String, String> labels,
        Optional<String> hostname,
        Optional<String> domainname,
        boolean attachStdin,
        boolean attachStdout,
        boolean attachStderr,
        boolean openStdin,
        boolean stdinOnce,
        boolean tty,
        List<String> exposedPorts,
        Optional<String> stopSignal,
        Optional<Integer> stopTimeout,
        String networkMode,
        boolean autoRemove,
        HostConfig hostConfig,
        Optional<HealthConfig> healthcheck,
        List<String> unsupported,
        Optional<ConsoleSize> consoleSize,
        List<String> volumes,
        List<String> volumesFrom,
        Map<String, berth.network.EndpointConfig> endpoints) {

    public ContainerSpec {
        endpoints = endpoints == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(endpoints));
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        volumesFrom = volumesFrom == null ? List.of() : List.copyOf(volumesFrom);
        cmd = cmd.map(List::copyOf);
        entrypoint = entrypoint.map(List::copyOf);
        env = List.copyOf(env);
        labels = Map.copyOf(labels);
        exposedPorts = List.copyOf(exposedPorts);
        unsupported = List.copyOf(unsupported);
        hostConfig = hostConfig == null ? HostConfig.DEFAULT : hostConfig;
        healthcheck = healthcheck == null ? Optional.empty() : healthcheck;
        consoleSize = consoleSize == null ? Optional.empty() : consoleSize;
    }

    /** Without endpoint settings. */
    public ContainerSpec(Optional<String> name, String image, Optional<List<String>> cmd,
                         Optional<List<String>> entrypoint, List<String> env, Optional<String> workingDir,
                         Optional<String> user, Map<String, String> labels, Optional<String> hostname,
                         Optional<String> domainname, boolean attachStdin, boolean attachStdout, boolean attachStderr,
                         boolean openStdin, boolean stdinOnce, boolean tty, List<String> exposedPorts,
                         Optional<String> stopSignal, Optional<Integer> stopTimeout, String networkMode,
                         boolean autoRemove, HostConfig hostConfig, Optional<HealthConfig> healthcheck,
                         List<String> unsupported, Optional<ConsoleSize> consoleSize, List<String> volumes,
                         List<String> volumesFrom) {
        this(name, image, cmd, entrypoint, env, workingDir, user, labels, hostname, domainname, attachStdin,
                attachStdout, attachStderr, openStdin, stdinOnce, tty, exposedPorts, stopSignal, stopTimeout,
                networkMode, autoRemove, hostConfig, healthcheck, unsupported, consoleSize, volumes, volumesFrom,
                Map.of());
    }

    /** Without volumes. */
    public ContainerSpec(Optional<String> name, String image, Optional<List<String>> cmd,
                         Optional<List<String>> entrypoint, List<String> env, Optional<String> workingDir,
                         Optional<String> user, Map<String, String> labels, Optional<String> hostname,
                         Optional<String> domainname, boolean attachStdin, boolean attachStdout, boolean attachStderr,
                         boolean openStdin, boolean stdinOnce, boolean tty, List<String> exposedPorts,
                         Optional<String> stopSignal, Optional<Integer> stopTimeout, String networkMode,
                         boolean autoRemove, HostConfig hostConfig, Optional<HealthConfig> healthcheck,
                         List<String> unsupported, Optional<ConsoleSize> consoleSize) {
        this(name, image, cmd, entrypoint, env, workingDir, user, labels, hostname, domainname, attachStdin,
                attachStdout, attachStderr, openStdin, stdinOnce, tty, exposedPorts, stopSignal, stopTimeout,
                networkMode, autoRemove, hostConfig, healthcheck, unsupported, consoleSize, List.of(), List.of());
    }

    /** Without a console size. */
    public ContainerSpec(Optional<String> name, String image, Optional<List<String>> cmd,
                         Optional<List<String>> entrypoint, List<String> env, Optional<String> workingDir,
                         Optional<String> user, Map<String, String> labels, Optional<String> hostname,
                         Optional<String> domainname, boolean attachStdin, boolean attachStdout, boolean attachStderr,
                         boolean openStdin, boolean stdinOnce, boolean tty, List<String> exposedPorts,
                         Optional<String> stopSignal, Optional<Integer> stopTimeout, String networkMode,
                         boolean autoRemove, HostConfig hostConfig, Optional<HealthConfig> healthcheck,
                         List<String> unsupported) {
        this(name, image, cmd, entrypoint, env, workingDir, user, labels, hostname, domainname, attachStdin,
                attachStdout, attachStderr, openStdin, stdinOnce, tty, exposedPorts, stopSignal, stopTimeout,
                networkMode, autoRemove, hostConfig, healthcheck, unsupported, Optional.empty());
    }
}

package berth.container;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's effective configuration ({@code Config} in inspect): the create request merged with
 * the image's defaults.
 */
public record ContainerConfig(
        String hostname,
        String domainname,
        String user,
        boolean attachStdin,
        boolean attachStdout,
        boolean attachStderr,
        boolean openStdin,
        boolean stdinOnce,
        boolean tty,
        List<String> env,
        List<String> cmd,
        List<String> entrypoint,
        String image,
        String workingDir,
        Map<String, String> labels,
        List<String> exposedPorts,
        Optional<String> stopSignal,
        Optional<Integer> stopTimeout,
        Optional<HealthConfig> healthcheck) {

    /** A config without a health check. */
    public ContainerConfig(String hostname, String domainname, String user, boolean attachStdin, boolean attachStdout,
            boolean attachStderr, boolean openStdin, boolean stdinOnce, boolean tty, List<String> env, List<String> cmd,
            List<String> entrypoint, String image, String workingDir, Map<String, String> labels,
            List<String> exposedPorts, Optional<String> stopSignal, Optional<Integer> stopTimeout) {
        this(hostname, domainname, user, attachStdin, attachStdout, attachStderr, openStdin, stdinOnce, tty, env, cmd,
                entrypoint, image, workingDir, labels, exposedPorts, stopSignal, stopTimeout, Optional.empty());
    }

    public ContainerConfig {
        healthcheck = healthcheck == null ? Optional.empty() : healthcheck;
        env = List.copyOf(env);
        cmd = List.copyOf(cmd);
        entrypoint = List.copyOf(entrypoint);
        labels = Map.copyOf(labels);
        exposedPorts = List.copyOf(exposedPorts);
    }
}

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
        Optional<Integer> stopTimeout) {

    public ContainerConfig {
        env = List.copyOf(env);
        cmd = List.copyOf(cmd);
        entrypoint = List.copyOf(entrypoint);
        labels = Map.copyOf(labels);
        exposedPorts = List.copyOf(exposedPorts);
    }
}

package berth.container;

import java.util.List;
import java.util.Optional;

/**
 * {@code POST /containers/{id}/exec}: a command to run inside a running container.
 *
 * @param env  extra KEY=VALUE pairs, overriding the container's of the same key
 * @param user Docker's user syntax; empty: the container's user
 * @param workingDir empty: the container's working directory
 */
public record ExecSpec(
        List<String> cmd,
        List<String> env,
        Optional<String> user,
        Optional<String> workingDir,
        boolean attachStdin,
        boolean attachStdout,
        boolean attachStderr,
        boolean tty,
        boolean privileged) {

    public ExecSpec {
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
    }
}

package berth.container;

import java.util.List;
import java.util.Optional;

/**
 * {@code POST /containers/{id}/exec}: a command to run inside a running container.
 *
 * @param env  extra KEY=VALUE pairs, overriding the container's of the same key
 * @param user Docker's user syntax; empty: the container's user
 * @param workingDir empty: the container's working directory
 * @param detachKeys Docker's key syntax ("ctrl-p,ctrl-q"); empty: the default sequence
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
        boolean privileged,
        String detachKeys) {

    public ExecSpec {
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
        detachKeys = detachKeys == null ? "" : detachKeys;
    }

    /** With the default detach keys. */
    public ExecSpec(List<String> cmd, List<String> env, Optional<String> user, Optional<String> workingDir,
                    boolean attachStdin, boolean attachStdout, boolean attachStderr, boolean tty, boolean privileged) {
        this(cmd, env, user, workingDir, attachStdin, attachStdout, attachStderr, tty, privileged, "");
    }
}

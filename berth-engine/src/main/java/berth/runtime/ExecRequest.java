package berth.runtime;

import java.util.List;

/**
 * One process to run in a running container: argv, the full environment (already merged), Docker's
 * user syntax (resolved by the adapter against the container's rootfs) and the working directory.
 *
 * @param tty        run on a new pseudo-terminal: the process's stdout is the terminal's output
 *                   (stderr is empty) and {@link ExecProcess#resize} sets its size
 * @param privileged every capability of the daemon's bounding set instead of the container's
 */
public record ExecRequest(List<String> args, List<String> env, String user, String workingDir, boolean openStdin,
                          boolean tty, boolean privileged) {
    public ExecRequest {
        args = List.copyOf(args);
        env = List.copyOf(env);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("args must not be empty");
        }
    }

    /** Without a terminal, with the container's capabilities. */
    public ExecRequest(List<String> args, List<String> env, String user, String workingDir, boolean openStdin) {
        this(args, env, user, workingDir, openStdin, false, false);
    }
}

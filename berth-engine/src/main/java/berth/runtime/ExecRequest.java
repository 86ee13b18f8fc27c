package berth.runtime;

import berth.container.ConsoleSize;
import java.util.List;
import java.util.Optional;

/**
 * One process to run in a running container: argv, the full environment (already merged), Docker's
 * user syntax (resolved by the adapter against the container's rootfs) and the working directory.
 *
 * @param tty        run on a new pseudo-terminal: the process's stdout is the terminal's output
 *                   (stderr is empty) and {@link ExecProcess#resize} sets its size
 * @param privileged every capability of the daemon's bounding set instead of the container's
 * @param consoleSize the terminal's size from the start (with {@code tty}); empty: the runtime's default
 */
public record ExecRequest(List<String> args, List<String> env, String user, String workingDir, boolean openStdin,
                          boolean tty, boolean privileged, Optional<ConsoleSize> consoleSize) {
    public ExecRequest {
        args = List.copyOf(args);
        env = List.copyOf(env);
        consoleSize = consoleSize == null ? Optional.empty() : consoleSize;
        if (args.isEmpty()) {
            throw new IllegalArgumentException("args must not be empty");
        }
    }

    /** Without a terminal, with the container's capabilities. */
    public ExecRequest(List<String> args, List<String> env, String user, String workingDir, boolean openStdin) {
        this(args, env, user, workingDir, openStdin, false, false, Optional.empty());
    }
}

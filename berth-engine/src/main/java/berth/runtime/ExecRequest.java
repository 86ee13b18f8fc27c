package berth.runtime;

import java.util.List;

/**
 * One process to run in a running container: argv, the full environment (already merged), Docker's
 * user syntax (resolved by the adapter against the container's rootfs) and the working directory.
 */
public record ExecRequest(List<String> args, List<String> env, String user, String workingDir, boolean openStdin) {
    public ExecRequest {
        args = List.copyOf(args);
        env = List.copyOf(env);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("args must not be empty");
        }
    }
}

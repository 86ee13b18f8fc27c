package berth.runtime.runc;

import berth.runtime.ExecProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A process started by a container's {@link ExecAgent}. Its pid on the host is looked up when asked
 * for, among the agent's own children only (by their pid in the container, NSpid in
 * /proc/PID/status), so a lying agent can at most point at another of its own processes.
 */
final class AgentExec implements ExecProcess {
    private final int agentHostPid;
    private final int containerPid;
    private final OutputStream stdin;
    private final InputStream stdout;
    private final InputStream stderr;
    private final CompletableFuture<Integer> exit;
    private volatile int hostPid;

    AgentExec(int agentHostPid, int containerPid, OutputStream stdin, InputStream stdout, InputStream stderr,
              CompletableFuture<Integer> exit) {
        this.agentHostPid = agentHostPid;
        this.containerPid = containerPid;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.exit = exit;
    }

    /** The host pid, or 0 when it has ended or cannot be found. */
    @Override
    public int pid() {
        if (hostPid == 0 && !exit.isDone()) {
            hostPid = hostPidOf(Path.of("/proc"), agentHostPid, containerPid);
        }
        return exit.isDone() ? 0 : hostPid;
    }

    /** The host pid of the child of {@code parent} whose innermost pid is {@code containerPid}; 0 if none. */
    static int hostPidOf(Path proc, int parent, int containerPid) {
        if (parent <= 0) {
            return 0;
        }
        try {
            String children = Files.readString(proc.resolve(parent + "/task/" + parent + "/children")).strip();
            for (String c : children.isEmpty() ? new String[0] : children.split("\\s+")) {
                int candidate = Integer.parseInt(c);
                if (innermostPid(proc, candidate) == containerPid) {
                    return candidate;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the agent or the child is gone
        }
        return 0;
    }

    private static int innermostPid(Path proc, int pid) throws IOException {
        for (String line : Files.readAllLines(proc.resolve(pid + "/status"))) {
            if (line.startsWith("NSpid:")) {
                String[] f = line.substring(6).strip().split("\\s+");
                // one level only: a host process (the agent's pid was reused), never a container's
                return f.length < 2 ? 0 : Integer.parseInt(f[f.length - 1]);
            }
        }
        return 0;
    }

    @Override
    public InputStream stdout() {
        return stdout;
    }

    @Override
    public InputStream stderr() {
        return stderr;
    }

    @Override
    public OutputStream stdin() {
        return stdin;
    }

    @Override
    public CompletableFuture<Integer> exit() {
        return exit;
    }
}

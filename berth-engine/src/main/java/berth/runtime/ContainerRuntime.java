package berth.runtime;

import berth.logs.LogOptions;
import berth.logs.LogSource;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The seam to the OCI runtime and its monitor (runc or crun, under conmon). One adapter instance
 * serves all containers of a daemon. Processes outlive the daemon: conmon holds each container's
 * stdio, log and exit code, so a restarted daemon finds them again through {@link #state}.
 *
 * <h2>Lifecycle</h2>
 * {@code start} (runtime create + start, returns once the process runs) → the process runs →
 * it exits, {@link #exitFuture} completes → {@code delete} releases the runtime's state. {@code kill}
 * may be called any time between start and delete. Errors are {@link berth.errors.BerthException}:
 * INVALID_ARGUMENT when the command cannot be found/executed in the container (message like Docker's
 * "exec: \"nope\": executable file not found in $PATH"; the engine maps it to exit 127/126),
 * INTERNAL for runtime failures with the runtime's own message.
 */
public interface ContainerRuntime {

    /** The runtime's name as shown in {@code docker info} ("runc", "crun"). */
    String name();

    /** Creates the container through the monitor and starts its process. Blocks until it runs. */
    StartedProcess start(RuntimeSpec spec);

    /**
     * As {@link #start}, with {@code beforeStart} run between the runtime's create and start, given the
     * container's init pid: the namespaces exist, the process has not run yet (where networking is
     * plugged in). When it throws, the container is deleted and the exception propagates. This default
     * (for runtimes without the split) runs it right after the start.
     */
    default StartedProcess start(RuntimeSpec spec, java.util.function.IntConsumer beforeStart) {
        StartedProcess p = start(spec);
        beforeStart.accept(p.pid());
        return p;
    }

    /**
     * Completes when the container's process has exited and the monitor has flushed its log and
     * written the exit code. Valid after {@link #start} and, after a daemon restart, for containers
     * {@link #state} reports as running. Never completes exceptionally for an ordinary exit.
     */
    CompletableFuture<ExitStatus> exitFuture(String id);

    /** Sends a signal (number) to the container's init process. CONFLICT when it is not running. */
    void kill(String id, int signal);

    /** Freezes the container's processes (runc pause). CONFLICT when it is not running. */
    void pause(String id);

    /** Thaws them again (runc resume). */
    void resume(String id);

    /** The host pids of every process in the container (runc ps). */
    java.util.List<Integer> pids(String id);

    /** Removes the runtime's state for an exited container (idempotent; no error when it is already gone). */
    void delete(String id);

    /** What the runtime knows about a container after a daemon restart. */
    RuntimeState state(String id);

    /**
     * Opens the container's stdin (only when started with openStdin). Bytes written go to the
     * process; {@code close()} closes the process's stdin (EOF), not the container.
     */
    OutputStream openStdin(String id);

    /**
     * Sets the size (rows, columns) of a running TTY container's terminal; the process gets SIGWINCH.
     * CONFLICT when it is not running; NOT_IMPLEMENTED for runtimes without terminal support.
     */
    default void resize(String id, int height, int width) {
        throw berth.errors.BerthException.notImplemented("TTY resize is not supported by this runtime");
    }

    /**
     * Runs another process in a running container, with the container's namespaces, capabilities,
     * seccomp profile and limits (runc/crun exec). CONFLICT when the container is not running.
     */
    ExecProcess exec(String id, ExecRequest request);

    /**
     * Reads the output spooled at {@code logPath} (for attach: what a run writes from now on); when following, goes
     * on across the spool's rotations and ends once {@code exited} has completed and the spool is drained.
     */
    LogSource readLog(Path logPath, LogOptions options, CompletableFuture<?> exited);

    /**
     * The spool at {@code logPath} (what the container's monitor writes), for the engine's log shipper: read
     * from the last acknowledged position, rotated through the monitor of container {@code id} while it runs.
     */
    berth.logs.LogSpool openSpool(String id, Path logPath) throws java.io.IOException;

    sealed interface RuntimeState {
        record Running(int pid) implements RuntimeState {}

        record Exited(ExitStatus status) implements RuntimeState {}

        /**
         * Made by the runtime but never started: a daemon died between create and start. Its
         * monitor and the runtime's init process wait for a start that will not come; the engine
         * deletes it.
         */
        record Created() implements RuntimeState {}

        record Unknown() implements RuntimeState {}
    }

    /** Optional: a signal number from a name like "SIGTERM", "TERM", "15" (INVALID_ARGUMENT otherwise). */
    static int parseSignal(String signal) {
        return Signals.parse(signal);
    }

    /**
     * Changes the cgroup limits of a running (or paused) container in place (runc update). The
     * limits are the container's whole set after the change, as the engine stores them; a
     * {@code pidsLimit} below 0 removes the pids limit. CONFLICT when it is not running.
     */
    default void update(String id, berth.container.HostConfig.Resources resources) {
        throw berth.errors.BerthException.notImplemented("the " + name() + " runtime cannot update resources");
    }

    /** One sample of a running container's cgroup counters. CONFLICT when it is not running. */
    default berth.container.ContainerStats stats(String id) {
        throw berth.errors.BerthException.notImplemented("the " + name() + " runtime keeps no statistics");
    }

    /** Empty when the runtime binary is usable here; otherwise why not (e.g. crun on hybrid cgroups). */
    default Optional<String> unusableReason() {
        return Optional.empty();
    }
}

package berth.container;

import berth.logs.LogOptions;
import berth.logs.LogSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's containers: create from an image, run through the OCI runtime, observe, remove.
 *
 * <h2>Vocabulary and lifecycle</h2>
 * A container is named by its 64-hex ID, any unique ID prefix, or its name (with or without the
 * leading slash); an exact name or full ID wins over a prefix. Its status moves
 * {@code created → running → exited}, {@code exited → running} again on start, and any state →
 * removed (with force when running). Illegal moves are CONFLICT (e.g. "Container <id> is not running"
 * for kill on a stopped container).
 *
 * <h2>Errors</h2> {@link berth.errors.BerthException}: NOT_FOUND "No such container: x"; NOT_FOUND
 * "No such image: x" from create; CONFLICT for name clashes ("Conflict. The container name \"/x\" is
 * already in use by container \"<id>\". You have to remove (or rename) that container to be able to
 * reuse that name.") and illegal state moves; INVALID_ARGUMENT for bad names, signals and options;
 * NOT_IMPLEMENTED for features berth does not have yet.
 *
 * <h2>Example: what {@code docker run --rm busybox echo hi} does</h2>
 * <pre>{@code
 * String id = containers.create(spec).id();
 * Attachment a = containers.attach(id, new AttachOptions(false, true, true, false, true));
 * CompletableFuture<Integer> exit = containers.wait(id, WaitCondition.REMOVED);
 * containers.start(id);                 // output flows through a.output(); AutoRemove removes it on exit
 * int code = exit.join();
 * }</pre>
 */
public interface ContainerService {

    CreateResult create(ContainerSpec spec);

    /** Starts a created or exited container. No-op (Docker answers 304) when it is already running: returns false. */
    boolean start(String ref);

    /**
     * Registers a wait at once (so a wait made before start sees the exit) and completes with the exit
     * code when the condition holds. Cancelling the future (client went away) is harmless.
     */
    CompletableFuture<Integer> wait(String ref, WaitCondition condition);

    Attachment attach(String ref, AttachOptions options);

    LogSource logs(String ref, LogOptions options);

    /** Sends a signal (name or number; default KILL). CONFLICT when the container is not running. */
    void kill(String ref, Optional<String> signal);

    /**
     * Sends the stop signal, waits up to {@code timeoutSeconds} (default: the container's StopTimeout,
     * else 10; negative: forever), then KILL. Returns false when it was not running (Docker's 304).
     */
    boolean stop(String ref, Optional<Integer> timeoutSeconds);

    /** Stops (as {@link #stop}) when running, then starts again. */
    void restart(String ref, Optional<Integer> timeoutSeconds);

    /**
     * Freezes every process of a running container (the freezer cgroup). CONFLICT "Container <id> is
     * not running" or "Container <id> is already paused".
     */
    void pause(String ref);

    /** Thaws a paused container. CONFLICT "Container <id> is not paused". */
    void unpause(String ref);

    /**
     * Renames a container. INVALID_ARGUMENT for a bad name (Docker's rule) or the same name
     * ("Renaming a container with the same name as its current name"); CONFLICT when the name is taken.
     */
    void rename(String ref, String newName);

    /**
     * The container's processes as {@code ps} shows them ({@code psArgs} empty means {@code -ef}):
     * the header's titles and one row per process of the container. CONFLICT when not running.
     */
    TopResult top(String ref, String psArgs);

    /** CONFLICT when running and not force ("You cannot remove a running container <id>. Stop the container before attempting removal or force remove"). */
    void remove(String ref, boolean force, boolean removeVolumes);

    /** Newest first. */
    List<Container> list(ContainerFilter filter);

    Container inspect(String ref);

    /** TTY resize; CONFLICT when the container is not running. */
    void resize(String ref, int height, int width);

    /**
     * Registers a command to run in a running container (Docker's exec create) and returns the exec
     * ID (64 hex). NOT_FOUND "No such container: x"; CONFLICT "Container <id> is not running";
     * INVALID_ARGUMENT for an empty command; NOT_IMPLEMENTED for a TTY or privileged exec.
     */
    String createExec(String containerRef, ExecSpec spec);

    /**
     * Starts an exec instance. The returned attachment's output carries the process's stdout and
     * stderr and ends when the process has exited and its output is drained; its stdin (when the exec
     * attached stdin) feeds the process, and closing it sends EOF. With {@code detach} the process
     * runs with no output kept and the attachment's output is empty at once. NOT_FOUND "No such exec
     * instance: <id>"; CONFLICT when it was started before or its container is no longer running.
     * A command that cannot be run is not an exception: the output carries the runtime's error on
     * stderr and the exit code is 126 (not executable) or 127 (not found), as Docker does.
     */
    Attachment startExec(String execId, boolean detach);

    /** NOT_FOUND "No such exec instance: <id>". */
    ExecInfo inspectExec(String execId);

    /**
     * Which containers use an image, for the image store's remove and prune rules. Callers of
     * {@link berth.image.ImageService#remove} and {@code prune} pass this. The default (no users)
     * exists only for test fakes; the engine's implementation overrides it.
     */
    default berth.image.ImageService.ImageUsage imageUsage() {
        return berth.image.ImageService.ImageUsage.NONE;
    }
}

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

    /** Log lines the container's driver dropped (mode=non-blocking with a full buffer) since the daemon started. */
    default long logDropped(String ref) {
        return 0;
    }

    /** Sends a signal (name or number; default KILL). CONFLICT when the container is not running. */
    void kill(String ref, Optional<String> signal);

    /**
     * Sends the stop signal, waits up to {@code timeoutSeconds} (default: the container's StopTimeout,
     * else 10; negative: forever), then KILL. Returns false when it was not running (Docker's 304).
     */
    boolean stop(String ref, Optional<Integer> timeoutSeconds);

    /**
     * As {@link #stop(String, Optional)}, sending {@code signal} (name or number) instead of the
     * container's stop signal when present ({@code docker stop --signal}). INVALID_ARGUMENT for an
     * unknown signal.
     */
    default boolean stop(String ref, Optional<Integer> timeoutSeconds, Optional<String> signal) {
        if (signal.isPresent()) {
            throw berth.errors.BerthException.notImplemented("stop with a signal is not implemented by this engine");
        }
        return stop(ref, timeoutSeconds);
    }

    /** Stops (as {@link #stop}) when running, then starts again. */
    void restart(String ref, Optional<Integer> timeoutSeconds);

    /** As {@link #restart(String, Optional)}, stopping with {@code signal} when present. */
    default void restart(String ref, Optional<Integer> timeoutSeconds, Optional<String> signal) {
        if (signal.isPresent()) {
            throw berth.errors.BerthException.notImplemented("restart with a signal is not implemented by this engine");
        }
        restart(ref, timeoutSeconds);
    }

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
     * INVALID_ARGUMENT for an empty command or unknown detach keys ("Invalid escape keys (x) provided").
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

    /**
     * As {@link #startExec(String, boolean)}, with the terminal's first size for a TTY exec (the exec
     * start body's {@code ConsoleSize}), so the command sees it from its first instruction.
     */
    default Attachment startExec(String execId, boolean detach, Optional<ConsoleSize> consoleSize) {
        return startExec(execId, detach);
    }

    /** NOT_FOUND "No such exec instance: <id>". */
    ExecInfo inspectExec(String execId);

    /**
     * Sets the terminal size of a running TTY exec. Without a TTY, or before start and after exit, it
     * is accepted and does nothing, as dockerd does. NOT_FOUND "No such exec instance: <id>".
     */
    default void resizeExec(String execId, int height, int width) {
        if (inspectExec(execId).spec().tty()) {
            throw berth.errors.BerthException.notImplemented("resizing the TTY of an exec is not supported here");
        }
    }

    /**
     * One sample of a container's resource use; empty when it is not running (Docker then shows
     * zeros). NOT_FOUND "No such container: x".
     */
    default Optional<ContainerStats> stats(String ref) {
        throw berth.errors.BerthException.notImplemented("stats are not implemented");
    }

    /**
     * Changes a container's limits ({@code docker update}): fields of {@code resources} that are 0
     * (or "") stay as they are; a running container gets them at once, a stopped one at its next
     * start. The restart policy, when present, replaces the old one. Returns Docker's warnings.
     * INVALID_ARGUMENT for bad values (Docker's messages, as at create); CONFLICT for a change that
     * contradicts what is set (e.g. "Memory limit should be smaller than already set memoryswap
     * limit, update the memoryswap at the same time").
     */
    default List<String> update(String ref, HostConfig.Resources resources, Optional<HostConfig.RestartPolicy> restartPolicy) {
        throw berth.errors.BerthException.notImplemented("update is not implemented");
    }

    // ---- files in a container (docker cp, export, diff) ----
    // Paths are absolute in the container; symlinks are followed as if the container's root were "/",
    // so nothing outside it is ever read or written. Created and stopped containers work too. The
    // defaults (NOT_IMPLEMENTED) exist for test fakes; the engine's implementation overrides them.

    /**
     * Stats a path (the last element is not followed). NOT_FOUND "Could not find the file /x in
     * container c" when it is missing.
     */
    default PathStat statPath(String ref, String path) {
        throw berth.errors.BerthException.notImplemented("statting files in containers is not implemented");
    }

    /**
     * Writes a tar of {@code path} (a file, a symlink itself, or a directory with its contents; the
     * top entry named after the path's last element, {@code dir/.} as "."). Errors as {@link #statPath}.
     */
    default void archivePath(String ref, String path, ArchiveSink sink) {
        throw berth.errors.BerthException.notImplemented("copying files from containers is not implemented");
    }

    /**
     * Extracts a tar (maybe compressed) into the directory {@code path} (a final symlink is followed).
     * NOT_FOUND when missing; INVALID_ARGUMENT "extraction point is not a directory", or for a hostile
     * entry; PERMISSION_DENIED "container rootfs is marked read-only".
     */
    default void extractToDir(String ref, String path, java.io.InputStream tar, ExtractOptions options) {
        throw berth.errors.BerthException.notImplemented("copying files into containers is not implemented");
    }

    /** Writes a tar of the container's whole root filesystem, without its mounts. */
    default void export(String ref, java.io.OutputStream out) {
        throw berth.errors.BerthException.notImplemented("container export is not implemented");
    }

    /** What changed in the container's filesystem against its image, sorted by path. */
    default List<FileChange> changes(String ref) {
        throw berth.errors.BerthException.notImplemented("container diff is not implemented");
    }

    /**
     * Which containers use an image, for the image store's remove and prune rules. Callers of
     * {@link berth.image.ImageService#remove} and {@code prune} pass this. The default (no users)
     * exists only for test fakes; the engine's implementation overrides it.
     */
    default berth.image.ImageService.ImageUsage imageUsage() {
        return berth.image.ImageService.ImageUsage.NONE;
    }

    /**
     * The bytes in the container's writable layer now (Docker's {@code SizeRw}: the files it wrote, as
     * dockerd's directory.Size counts them). Empty when this engine cannot tell, or the layer cannot be
     * read. NOT_FOUND for an unknown container.
     */
    default java.util.OptionalLong writableLayerSize(String ref) {
        return java.util.OptionalLong.empty();
    }

    /** The container's mount points backed by volumes (inspect's Mounts of type "volume"). */
    default List<VolumeMount> volumeMounts(String ref) {
        return List.of();
    }

    /**
     * Connects a container to a network ({@code network connect}): recorded for a stopped container,
     * plugged in at once for a running one. CONFLICT when it is already on that network
     * ("endpoint with name x already exists in network y"); INVALID_ARGUMENT for host/none mixes.
     */
    default void connectNetwork(String containerRef, String networkRef, berth.network.EndpointConfig config) {
        throw berth.errors.BerthException.notImplemented("networks are not implemented");
    }

    /** Disconnects a container from a network; {@code force} also when it is not on it. */
    default void disconnectNetwork(String containerRef, String networkRef, boolean force) {
        throw berth.errors.BerthException.notImplemented("networks are not implemented");
    }

    /**
     * {@code docker commit}: a new image of the container's image plus the container's filesystem
     * changes as one layer, with the container's config (or {@code options.config()}) and
     * {@code options.changes()} applied; a running container is frozen meanwhile unless
     * {@code options.pause()} is false. Returns the new image's ID. NOT_FOUND "No such container: x";
     * INVALID_ARGUMENT for a bad change or reference (before anything is written); CONFLICT while the
     * container is being removed.
     */
    berth.content.Digest commit(String ref, CommitOptions options);

    /**
     * A build step's commit (Docker's {@code CommitBuildStep}): the container's filesystem changes as
     * one layer, recorded exactly as {@code commit} says (its parent, config and history entry are the
     * builder's; nothing is merged from the container's config). The container is frozen meanwhile if it
     * runs. A container that changed nothing gives an image with no new layer and an {@code empty_layer}
     * history entry. NOT_FOUND for an unknown container or parent image.
     */
    berth.image.Image commitBuildStep(String ref, berth.image.ImageCommit commit);
}

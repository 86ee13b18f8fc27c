package berth.volume;

import java.nio.file.Path;
import java.util.List;

/**
 * The daemon's volumes: directories that outlive containers, created by {@code volume create} or on a
 * container's first use of a name, and mounted into containers as binds of their mount point.
 *
 * <p>Vocabulary: a volume is <em>in use</em> while any container (running or not) has a mount point
 * naming it ({@link VolumeUsage}); <em>dangling</em> is the opposite. An <em>anonymous</em> volume
 * has a 64-hex name and the {@link Volume#ANONYMOUS_LABEL}; {@code rm -v} and {@code --rm} remove a
 * container's anonymous volumes, never its named ones.
 *
 * <p>Lifecycle: {@link #create} → {@link #mount} for each container start (the driver mounts a device
 * if the volume has options) → {@link #unmount} when that run ends → {@link #remove}. Example:
 * <pre>{@code
 * Volume v = volumes.create(VolumeSpec.named("data"));      // <data-root>/volumes/data/_data
 * Path host = volumes.mount("data", containerId, "/data", false); // bind it at /data
 * volumes.unmount("data", containerId);
 * volumes.remove("data", false);                             // CONFLICT while a container names it
 * }</pre>
 */
public interface VolumeService {
    /**
     * Creates a volume, or returns the existing one of that name (Docker's create is idempotent).
     *
     * @throws berth.errors.BerthException INVALID_ARGUMENT for a bad name, driver or option
     */
    Volume create(VolumeSpec spec);

    /** @throws berth.errors.BerthException NOT_FOUND "get x: no such volume" */
    Volume inspect(String name);

    List<Volume> list(VolumeFilter filter);

    /**
     * Removes the volume and its data.
     *
     * @param force also when in use, and no error when it does not exist
     * @throws berth.errors.BerthException NOT_FOUND; CONFLICT "remove x: volume is in use - [ids]"
     */
    void remove(String name, boolean force);

    /**
     * Removes unused volumes that match {@code filter}.
     *
     * @param all false: only anonymous volumes (API 1.42+); true: named ones too
     */
    PruneReport prune(VolumeFilter filter, boolean all);

    /**
     * The host path to bind at {@code destination} for container {@code containerId}; mounts the
     * driver's device on first use. Publishes Docker's "mount" event.
     *
     * @throws berth.errors.BerthException NOT_FOUND when the volume was removed meanwhile
     */
    Path mount(String name, String containerId, String destination, boolean readOnly);

    /** The container's run is over; the device is unmounted when no run uses it any more. */
    void unmount(String name, String containerId);

    /** Containers using the volume (for in-use checks). */
    List<String> users(String name);
}

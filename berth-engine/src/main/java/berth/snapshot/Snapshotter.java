package berth.snapshot;

import berth.content.Digest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Stores image layers as directories that overlayfs stacks into a root filesystem.
 *
 * <h2>Vocabulary</h2>
 * <ul>
 *   <li><b>snapshot</b>: one committed layer, a directory of files that is never written again.
 *       It is named by its <b>chain ID</b> (the layer plus everything beneath it, {@link ChainIds}),
 *       so two images that share a base share its snapshots.</li>
 *   <li><b>parent</b>: the snapshot beneath; a base layer has none. A snapshot's mount is the list of
 *       its own directory and all its ancestors', top-most first: {@link #lowerDirs}.</li>
 * </ul>
 *
 * <h2>Lifecycle</h2>
 * A snapshot is created in one step, {@link #commit}: the filler writes the layer into a fresh, private
 * directory; only when it succeeds is the directory renamed into place and recorded, so a crash or a
 * hostile layer never leaves a half layer visible. It then stays unchanged until {@link #remove}.
 * Containers do not write snapshots: the container side stacks {@link #lowerDirs} under its own upper
 * directory.
 *
 * <h2>Worked example</h2>
 * <pre>{@code
 * List<Digest> chain = ChainIds.of(config.diffIds());
 * Snapshot base = snapshots.commit(Optional.empty(), Optional.of(diff0), dir -> unpacker.unpack(tar0, dir));
 * Snapshot top  = snapshots.commit(Optional.of(base.chainId()), Optional.of(diff1), dir -> unpacker.unpack(tar1, dir));
 * // top.chainId().equals(chain.get(1))
 * mount overlay with lowerdir = join(":", snapshots.lowerDirs(chain.get(1)))   // [top.fs, base.fs]
 * snapshots.remove(chain.get(1)); snapshots.remove(chain.get(0));              // children first
 * }</pre>
 *
 * <h2>Errors and concurrency</h2>
 * Implementations are thread-safe and every change is durable on return. Methods throw
 * {@link berth.errors.BerthException}: NOT_FOUND for an unknown chain ID, FAILED_PRECONDITION for
 * removing a snapshot that still has children, INVALID_ARGUMENT when the filler rejects its input.
 * Paths returned are short (overlay mount options are limited to one page) and stable.
 */
public interface Snapshotter {
    /** The snapshot with this chain ID, or empty. */
    Optional<Snapshot> stat(Digest chainId);

    /**
     * Creates a committed snapshot on top of {@code parent} from what the filler writes. Its chain ID is
     * computed from the parent and the DiffID the filler reports. If that snapshot already exists the
     * existing one is returned and the new files are discarded (callers that know the chain ID up front
     * should {@link #stat} first and skip the work). {@code parent} must exist (NOT_FOUND otherwise). The
     * filler's exceptions propagate after its partial output has been deleted.
     *
     * @param expectedDiffId when given, a filler reporting another DiffID is INVALID_ARGUMENT and nothing is kept
     */
    Snapshot commit(Optional<Digest> parent, Optional<Digest> expectedDiffId, LayerFiller filler);

    /** The directories to stack for this snapshot: its own first, then each ancestor down to the base. */
    List<Path> lowerDirs(Digest chainId);

    /** Every snapshot. */
    List<Snapshot> list();

    /** Deletes a snapshot that has no children; removing an absent one is not an error. */
    void remove(Digest chainId);
}

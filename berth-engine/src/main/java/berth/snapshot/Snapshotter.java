package berth.snapshot;

import berth.content.Digest;
import berth.errors.BerthException;
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
 * A snapshot is made in two phases. {@link #prepare} runs the filler, which writes the layer into a
 * fresh, private directory, and checks its DiffID; it needs no parent and takes no lock, so a pull
 * prepares its layers in parallel. {@link #commit(Optional, Prepared)} then records the prepared layer on
 * top of its parent, which names it; only then is it visible. A prepared layer that is closed instead
 * is deleted, and one a crash leaves behind is swept when the store next opens, so a crash or a hostile
 * layer never leaves a half layer visible. {@link #commit(Optional, Optional, LayerFiller)} does both
 * phases in one call. A committed snapshot stays unchanged until {@link #remove}. Containers do not
 * write snapshots: the container side stacks {@link #lowerDirs} under its own upper directory.
 *
 * <h2>Worked example</h2>
 * <pre>{@code
 * List<Digest> chain = ChainIds.of(config.diffIds());
 * Snapshot base = snapshots.commit(Optional.empty(), Optional.of(diff0), dir -> unpacker.unpack(tar0, dir));
 * Snapshot top  = snapshots.commit(Optional.of(base.chainId()), Optional.of(diff1), dir -> unpacker.unpack(tar1, dir));
 * // top.chainId().equals(chain.get(1))
 * // or prepared in parallel first, then committed base first:
 * try (Snapshotter.Prepared p = snapshots.prepare(Optional.of(diff1), dir -> unpacker.unpack(tar1, dir))) {
 *     snapshots.commit(Optional.of(base.chainId()), p);     // the same snapshot as top
 * }
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
     * Runs the filler in a fresh, private directory and keeps the result unrecorded. Nothing is locked
     * and no parent is needed; many may run at once. The filler's exceptions propagate after its partial
     * output has been deleted.
     *
     * @param expectedDiffId when given, a filler reporting another DiffID is INVALID_ARGUMENT and nothing is kept
     */
    Prepared prepare(Optional<Digest> expectedDiffId, LayerFiller filler);

    /**
     * Records a prepared layer on top of {@code parent}, consuming it. Its chain ID is computed from the
     * parent and its DiffID. If that snapshot already exists the existing one is returned and the
     * prepared files are discarded. {@code parent} must exist (NOT_FOUND otherwise); a layer prepared by
     * another snapshotter, or already committed or closed, is INVALID_ARGUMENT. On failure the prepared
     * layer stays the caller's to close.
     */
    Snapshot commit(Optional<Digest> parent, Prepared prepared);

    /**
     * {@link #prepare} and {@link #commit(Optional, Prepared)} in one step (callers that know the chain ID
     * up front should {@link #stat} first and skip the work). {@code parent} must exist (NOT_FOUND, checked
     * before the filler runs).
     */
    default Snapshot commit(Optional<Digest> parent, Optional<Digest> expectedDiffId, LayerFiller filler) {
        if (parent.isPresent() && stat(parent.get()).isEmpty()) {
            throw BerthException.notFound("no such snapshot: " + parent.get());
        }
        try (Prepared p = prepare(expectedDiffId, filler)) {
            return commit(parent, p);
        }
    }

    /** The directories to stack for this snapshot: its own first, then each ancestor down to the base. */
    List<Path> lowerDirs(Digest chainId);

    /** Every snapshot. */
    List<Snapshot> list();

    /** Deletes a snapshot that has no children; removing an absent one is not an error. */
    void remove(Digest chainId);

    /**
     * A layer filled by {@link #prepare} and not yet recorded. {@link #close()} deletes its files unless
     * {@link #commit(Optional, Prepared)} consumed them; closing twice, or after commit, does nothing.
     */
    interface Prepared extends AutoCloseable {
        /** The DiffID the filler reported (verified against the expected one). */
        Digest diffId();

        /** Bytes of the layer's regular files, as unpacked. */
        long size();

        @Override
        void close();
    }
}

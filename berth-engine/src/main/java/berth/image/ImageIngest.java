package berth.image;

import berth.content.Digest;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * What a registry client needs from the local image store: adding pulled layers and images, and reading
 * an image's config and layers back for a push. Implemented by {@link DefaultImageService}.
 *
 * <h2>Pull, in two phases</h2>
 * Layers are prepared in parallel, outside the store's write lock: each one is unpacked from its
 * uncompressed tar into a private directory and its tar kept in a staging file, nothing visible yet.
 * {@link #commitPulled} then, under the lock and all at once, records the prepared layers in chain order,
 * stores the config, the image and its names. A failure anywhere leaves nothing of the pull behind
 * (prepared layers that were not committed are deleted when closed, and any a crash leaves are swept at
 * the next start).
 * <pre>{@code
 * List<Digest> chain = ChainIds.of(diffIds);
 * try (PreparedLayer l1 = ingest.prepareLayer(diffIds.get(1), gunzip(verified(blob1)))) {
 *     // layer 0 skipped: ingest.hasLayer(chain.get(0))
 *     ImageIngest.Committed c = ingest.commitPulled(config, List.of(l1), List.of(ref), Optional.of(digestRef));
 * }
 * }</pre>
 *
 * <h2>Errors</h2> {@link berth.errors.BerthException}: INVALID_ARGUMENT for a layer whose content has
 * another DiffID than expected or a hostile tar, a config that does not parse, or layers that do not
 * match the config's {@code rootfs.diff_ids}; NOT_FOUND for an unknown image or layer when reading.
 * Thread-safe.
 */
public interface ImageIngest {

    /** Whether the layer with this chain ID is unpacked and its tar stored, so a pull can skip it. */
    boolean hasLayer(Digest chainId);

    /**
     * Unpacks one layer from its uncompressed tar (the caller has already decompressed it, and verifies
     * the compressed digest itself: it must fail the stream, not return early, when that digest is wrong)
     * into a private directory, and keeps the tar. Many may run in parallel. INVALID_ARGUMENT, with
     * nothing kept, when the content's DiffID is not {@code expectedDiffId}.
     */
    PreparedLayer prepareLayer(Digest expectedDiffId, InputStream uncompressedTar);

    /**
     * Atomically adds a pulled image: {@code layers} are the prepared layers of the config's
     * {@code rootfs.diff_ids} that {@link #hasLayer} said were missing (in any order); every other layer
     * must be present. Stores the config, the image, then points each of {@code tags} and
     * {@code repoDigest} at it (a tag that pointed elsewhere moves). Prepared layers are consumed.
     */
    Committed commitPulled(byte[] config, List<PreparedLayer> layers, List<ImageReference> tags,
                           Optional<ImageReference> repoDigest);

    /** Records an extra repo digest for an existing image (after a push: {@code repo@sha256:...}). */
    void addRepoDigest(Digest imageId, ImageReference repoDigest);

    /** The exact config bytes of an image (its ID is their digest). NOT_FOUND for an unknown image. */
    byte[] config(Digest imageId);

    /** Opens a layer's uncompressed tar by DiffID; NOT_FOUND when the store lacks it. */
    InputStream openLayer(Digest diffId);

    /** The size in bytes of a layer's uncompressed tar; NOT_FOUND when absent. */
    long layerSize(Digest diffId);

    /**
     * The result of a pull's commit.
     *
     * @param image   the image as {@link ImageService#inspect} now shows it
     * @param changed false when the image already existed and every given name already pointed at it
     *                (Docker's "Image is up to date for …")
     */
    record Committed(Image image, boolean changed) {}

    /** A layer unpacked but not yet visible; close discards it unless {@link #commitPulled} consumed it. */
    interface PreparedLayer extends AutoCloseable {
        Digest diffId();

        /** Bytes of the uncompressed tar read. */
        long size();

        @Override
        void close();
    }
}

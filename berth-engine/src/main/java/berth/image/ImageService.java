package berth.image;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * The engine's image store: what images exist, their names, and moving them in and out as tarballs.
 *
 * <h2>Vocabulary</h2>
 * <ul>
 *   <li><b>reference</b>: how a user names an image. Any of: a familiar name {@code busybox} (tag
 *       {@code latest} implied), {@code busybox:1.36}, {@code docker.io/library/busybox:1.36},
 *       {@code 127.0.0.1:5000/team/app:v1}, a full ID {@code sha256:<64hex>}, a bare 64-hex ID, or a
 *       unique ID prefix (at least one hex digit, Docker accepts short IDs like {@code 9f86d0}).
 *       A name is matched before an ID prefix.</li>
 *   <li><b>dangling</b>: an image with no repo tags.</li>
 *   <li>Every image's layers are unpacked into the snapshotter; a container's rootfs is an overlay of
 *       {@link #layerPaths(berth.content.Digest)} plus the container's own upper directory.</li>
 * </ul>
 *
 * <h2>Errors</h2> Methods throw {@link berth.errors.BerthException}: NOT_FOUND with Docker's message
 * {@code "No such image: <ref>"}, INVALID_ARGUMENT for malformed references or tarballs (a hostile or
 * malformed tarball is INVALID_ARGUMENT and leaves nothing behind), CONFLICT for removals refused
 * because of tags or containers.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Image img = images.importTarball(in, Optional.of("myapp:v1"), List.of("CMD [\"/bin/sh\"]"), "", listener);
 * images.tag(img.id().toString(), "myapp", "v2");
 * images.remove("myapp:v1", false, false, inUse);   // [Untagged myapp:v1]
 * }</pre>
 * Implementations are thread-safe; every change is durable before the method returns.
 */
public interface ImageService {

    /** Lists images matching the filter, newest first. */
    List<Image> list(ImageFilter filter);

    /** Resolves a reference (see class doc) to an image; NOT_FOUND "No such image: ref". */
    Image inspect(String reference);

    /**
     * Adds a tag. {@code repository} may carry a registry and path; {@code tag} empty means "latest".
     * INVALID_ARGUMENT for a malformed repository or tag (Docker's rules: lowercase path components,
     * tag {@code [\w][\w.-]{0,127}}). A tag that pointed at another image moves.
     */
    void tag(String reference, String repository, String tag);

    /**
     * Removes a reference or an image.
     * <ul>
     *   <li>By tag name: untags it; when it was the last tag and no container uses the image, the image
     *       is deleted too. A running or stopped container using the image blocks the delete of the
     *       last tag: CONFLICT "conflict: unable to remove repository reference \"x:v1\" (must force) -
     *       container <short> is using its referenced image <short>" unless {@code force}.</li>
     *   <li>By ID: when the image has several tags and not force: CONFLICT "conflict: unable to delete
     *       <short> (must be forced) - image is referenced in multiple repositories". With force, all
     *       tags are removed then the image. If a container uses it: CONFLICT "conflict: unable to delete
     *       <short> (cannot be forced) - image is being used by running container <short>" for running
     *       ones; with force and only stopped users, the tags go but the image stays (Docker's rule).</li>
     * </ul>
     *
     * @param usedBy tells, for an image ID, the IDs of containers using it and whether each runs
     */
    List<ImageDeleteResult> remove(String reference, boolean force, boolean noPrune, ImageUsage usedBy);

    /**
     * {@code docker import}: makes a one-layer image from a rootfs tarball (plain, gzip, bzip2, xz or
     * zstd compressed). {@code changes} are Dockerfile instructions (ENV, CMD, ENTRYPOINT, WORKDIR,
     * EXPOSE, LABEL, USER, VOLUME, STOPSIGNAL, ONBUILD is refused); an unknown or malformed one is
     * INVALID_ARGUMENT and nothing is stored. The last progress event is a Status carrying the new
     * image's ID ({@code sha256:...}), which is what {@code docker import} prints.
     *
     * @param reference optional {@code repo[:tag]} to tag the result with
     * @param message   the history comment ("Imported from -" when empty is Docker's default)
     */
    Image importTarball(InputStream tarball, java.util.Optional<String> reference, List<String> changes,
                        String message, Progress.Listener progress);

    /**
     * {@code docker load}: accepts the Docker save format (manifest.json + layer tars) and the OCI
     * image layout (index.json), optionally compressed. Reports "Loaded image: x:y" or "Loaded image
     * ID: sha256:..." per image through {@code progress} and returns those lines.
     */
    List<String> load(InputStream tarball, Progress.Listener progress);

    /**
     * {@code docker save}: writes the named images in the Docker save format (manifest.json,
     * repositories, one directory per layer with layer.tar, config as {@code <hex>.json}) that Docker
     * 20.10 loads. References given by tag are written with that tag; by ID without tags.
     */
    void save(List<String> references, OutputStream out);

    /**
     * {@code docker commit}, and a build step: adds an image made of {@code commit.parent()}'s layers and
     * one more, written by {@code layer} as an uncompressed layer tar ({@link berth.archive.OverlayLayerWriter}).
     * A layer with no entries (Docker's empty layer, 1024 zero bytes) adds no layer: the history entry
     * is then marked {@code empty_layer}. The new image records its parent (inspect's {@code Parent}).
     * NOT_FOUND when the parent is unknown, INVALID_ARGUMENT for a malformed reference or tar; nothing
     * is kept on failure.
     */
    Image commit(ImageCommit commit, LayerSource layer);

    /**
     * {@code docker image history}: the image's history entries newest first, each with the size of the
     * layer it made, and the IDs and tags of the image and its local parents, one per entry from the top.
     */
    default List<HistoryStep> history(String reference) {
        return historyOf(inspect(reference));
    }

    /**
     * The history of an image where no more is known than the image itself: its steps newest first, the
     * top one named by the image and carrying its whole size, the others {@code <missing>} and 0.
     */
    static List<HistoryStep> historyOf(Image img) {
        List<HistoryEntry> h = img.history();
        List<HistoryStep> out = new java.util.ArrayList<>();
        for (int i = h.size() - 1; i >= 0; i--) {
            HistoryEntry e = h.get(i);
            boolean top = i == h.size() - 1;
            out.add(new HistoryStep(top ? img.id().toString() : "<missing>", e.created().orElse(java.time.Instant.EPOCH),
                    e.createdBy() == null ? "" : e.createdBy(), top ? img.repoTags() : List.of(), top ? img.size() : 0,
                    e.comment() == null ? "" : e.comment()));
        }
        if (out.isEmpty()) {
            out.add(new HistoryStep(img.id().toString(), img.created(), "", img.repoTags(), img.size(),
                    img.comment() == null ? "" : img.comment()));
        }
        return out;
    }

    /** Writes a layer tar to the stream it is given (and does not close it). */
    @FunctionalInterface
    interface LayerSource {
        void writeTo(OutputStream out) throws java.io.IOException;
    }

    /**
     * Removes dangling images (or, with {@code all}, every image no container uses), honouring the
     * {@code label}/{@code label!} and {@code until} filters given as raw selector strings.
     */
    ImagePruneReport prune(boolean all, List<String> labelFilters, List<String> untilFilters, ImageUsage usedBy);

    /**
     * The read-only layer directories of an image, top-most first (the order overlayfs lowerdir wants).
     * The paths are short, stable for the life of the image, and must not be written.
     */
    List<Path> layerPaths(berth.content.Digest imageId);

    /**
     * An image's layers, base first, each named by its chain ID with the bytes of its own files: what
     * {@code system df} counts once however many images share a layer. The default knows only the whole
     * image's size and gives it to the top layer. NOT_FOUND for an unknown image.
     */
    default List<LayerSize> layerSizes(berth.content.Digest imageId) {
        Image img = inspect(imageId.toString());
        List<berth.content.Digest> chain = berth.snapshot.ChainIds.of(img.diffIds());
        List<LayerSize> out = new java.util.ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            out.add(new LayerSize(chain.get(i), i == chain.size() - 1 ? img.size() : 0));
        }
        return out;
    }

    /** One layer of an image: its chain ID and the bytes of the files it adds. */
    record LayerSize(berth.content.Digest chainId, long size) {}

    /** Who uses an image; supplied by the container side so the image store need not know containers. */
    @FunctionalInterface
    interface ImageUsage {
        /** Containers that use the image with this ID; empty when none. */
        List<User> usersOf(berth.content.Digest imageId);

        record User(String containerId, boolean running) {}

        ImageUsage NONE = id -> List.of();
    }

    /** Convenience: whether a reference names an existing image. */
    default boolean exists(String reference) {
        try {
            inspect(reference);
            return true;
        } catch (berth.errors.BerthException e) {
            if (e.kind() == berth.errors.ErrorKind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** Whether every label selector ({@code key} or {@code key=value}) matches the label map. */
    static boolean labelsMatch(List<String> selectors, java.util.Map<String, String> labels) {
        Predicate<String> one = sel -> {
            var kv = ImageFilter.splitLabel(sel);
            return kv.getValue().map(v -> v.equals(labels.get(kv.getKey()))).orElse(labels.containsKey(kv.getKey()));
        };
        return selectors.stream().allMatch(one);
    }
}

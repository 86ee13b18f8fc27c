package berth.build.exec;

import berth.content.Digest;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.image.HistoryEntry;
import berth.image.Image;
import berth.image.ImageCommit;
import berth.image.ImageConfig;
import berth.image.ImageIngest;
import berth.image.ImageService;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --cache-from}: images (typically pulled, so without their build's intermediate images) whose
 * history may stand in for steps, as Docker's classic builder uses them. A source serves a step when
 * its history and layers begin with exactly the parent's and its next history entry is this step's
 * {@code created_by}. When that entry is the source's last, the source itself is the step's image;
 * otherwise the step's image is rebuilt from the source's layer for it (needs the store's
 * {@link ImageIngest} to read layers), and later steps keep to that same source.
 */
final class CacheFrom {
    private final ImageService images;
    private final Optional<ImageIngest> layers;
    private List<Image> sources;

    CacheFrom(ImageService images, Optional<ImageIngest> layers, List<String> references) {
        this.images = images;
        this.layers = layers;
        List<Image> found = new ArrayList<>();
        for (String ref : references) {
            try {
                found.add(images.inspect(ref));
            } catch (BerthException e) {
                if (e.kind() != ErrorKind.NOT_FOUND) {
                    throw e;
                }
                // Docker ignores cache sources it cannot find
            }
        }
        this.sources = List.copyOf(found);
    }

    /** A cached image for the step, if a source has one. */
    Optional<Digest> probe(Optional<Digest> parentId, String createdBy, ImageConfig config, String author) {
        if (sources.isEmpty()) {
            return Optional.empty();
        }
        Optional<Image> parent = parentId.map(id -> images.inspect(id.toString()));
        int len = parent.map(p -> p.history().size()).orElse(0);
        for (Image target : sources) {
            if (!validParent(target, parent) || !target.history().get(len).createdBy().equals(createdBy)) {
                continue;
            }
            if (target.history().size() - 1 == len) {
                return Optional.of(target.id());
            }
            if (layers.isEmpty()) {
                continue;
            }
            Optional<Digest> restored = restore(parentId, target, len, config, author);
            if (restored.isPresent()) {
                sources = List.of(target); // keep to one source, as Docker does
                return restored;
            }
        }
        return Optional.empty();
    }

    private Optional<Digest> restore(Optional<Digest> parentId, Image target, int index, ImageConfig config,
                                     String author) {
        HistoryEntry entry = target.history().get(index);
        Optional<Digest> diffId = layerAt(target, index);
        Image made = images.commit(new ImageCommit(parentId, config, entry.createdBy(), author, entry.comment(), "",
                Optional.empty(), entry.created().orElse(Instant.now())), out -> {
                    if (diffId.isEmpty()) {
                        BuildRun.emptyLayer(out);
                        return;
                    }
                    try (InputStream in = layers.get().openLayer(diffId.get())) {
                        in.transferTo(out);
                    }
                });
        return Optional.of(made.id());
    }

    /** The DiffID of the layer history entry {@code index} made, or empty for an empty-layer entry. */
    static Optional<Digest> layerAt(Image image, int index) {
        int layer = 0;
        for (int i = 0; i < index; i++) {
            if (!image.history().get(i).emptyLayer()) {
                layer++;
            }
        }
        if (image.history().get(index).emptyLayer() || layer >= image.diffIds().size()) {
            return Optional.empty();
        }
        return Optional.of(image.diffIds().get(layer));
    }

    /** Docker's isValidParent: the target's history and layers begin with the parent's. */
    static boolean validParent(Image target, Optional<Image> parent) {
        if (target.history().isEmpty()) {
            return false;
        }
        if (parent.isEmpty() || parent.get().history().isEmpty() && parent.get().diffIds().isEmpty()) {
            return true;
        }
        Image p = parent.get();
        if (p.history().size() >= target.history().size() || p.diffIds().size() > target.diffIds().size()) {
            return false;
        }
        return target.history().subList(0, p.history().size()).equals(p.history())
                && target.diffIds().subList(0, p.diffIds().size()).equals(p.diffIds());
    }
}

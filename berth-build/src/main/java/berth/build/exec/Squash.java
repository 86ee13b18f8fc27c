package berth.build.exec;

import berth.container.ContainerService;
import berth.container.ContainerSpec;
import berth.content.Digest;
import berth.errors.BerthException;
import berth.image.HistoryEntry;
import berth.image.Image;
import berth.image.ImageCommit;
import berth.image.ImageIngest;
import berth.image.ImageService;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code --squash}, as Docker 1.13 introduced it: the final image's layers above its stage's base merged
 * into one, on top of the base. The history is kept: the base's, then the stage's entries marked as
 * empty layers, then one entry for the merged layer ("merge sha256:X to sha256:Y"). Each kept entry
 * is one config-only commit (untagged intermediate images, as a build's), and the merged layer the last.
 */
final class Squash {
    private final ImageService images;
    private final Optional<ImageIngest> layers;
    private final ContainerService containers;

    Squash(ImageService images, Optional<ImageIngest> layers, ContainerService containers) {
        this.images = images;
        this.layers = layers;
        this.containers = containers;
    }

    Digest squash(Digest imageId, Optional<Digest> baseId) {
        ImageIngest ingest = layers.orElseThrow(() -> BerthException.notImplemented(
                "--squash needs the image store's layers, which this daemon does not give the builder"));
        Image image = images.inspect(imageId.toString());
        Optional<Image> base = baseId.map(id -> images.inspect(id.toString()));
        int baseHistory = base.map(b -> b.history().size()).orElse(0);
        int baseLayers = base.map(b -> b.diffIds().size()).orElse(0);
        List<Digest> own = image.diffIds().subList(baseLayers, image.diffIds().size());
        Optional<Digest> parent = baseId;
        for (HistoryEntry h : image.history().subList(baseHistory, image.history().size())) {
            parent = Optional.of(images.commit(new ImageCommit(parent, image.config(), h.createdBy(), image.author(),
                    h.comment(), "", Optional.empty(), h.created().orElse(image.created())), BuildRun::emptyLayer)
                    .id());
        }
        String comment = baseId.map(b -> "merge " + imageId + " to " + b).orElse("create new from " + imageId);
        // the base seen through a created (never started) container, to ask what whiteouts have to hide
        Optional<String> probe = baseId.filter(b -> baseLayers > 0).map(b -> containers.create(new ContainerSpec(
                Optional.empty(), b.toString(), Optional.of(List.of("/bin/sh", "-c", "#(nop) squash")),
                Optional.of(List.of()), List.of(), Optional.empty(), Optional.empty(), java.util.Map.of(),
                Optional.empty(), Optional.empty(), false, false, false, false, false, false, List.of(),
                Optional.empty(), Optional.empty(), "none", false, null, Optional.empty(), List.of())).id());
        try {
            Image squashed = images.commit(new ImageCommit(parent, image.config(), "", image.author(), comment, "",
                    Optional.empty(), Instant.now()), out -> LayerMerge.merge(own.size(),
                    i -> ingest.openLayer(own.get(i)), path -> probe.isPresent() && exists(probe.get(), path), out));
            return squashed.id();
        } finally {
            probe.ifPresent(id -> containers.remove(id, true, true));
        }
    }

    private boolean exists(String containerId, String path) {
        try {
            containers.statPath(containerId, "/" + path);
            return true;
        } catch (BerthException e) {
            if (e.kind() == berth.errors.ErrorKind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }
}

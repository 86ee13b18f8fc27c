package berth.build.exec;

import berth.archive.TarWriter;
import berth.content.Digest;
import berth.errors.BerthException;
import berth.image.Image;
import berth.image.ImageCommit;
import berth.image.ImageService;
import java.time.Instant;
import java.util.Optional;

/**
 * The image a step's container is made from. Normally the stage's current image; but a container
 * needs at least one layer under its overlay, and {@code FROM scratch} (or a stage of config-only steps
 * on it) has none. Then a seed image is made: the step's parent plus one layer holding only the root
 * directory. The step still commits onto its real parent, so the seed's layer never reaches the
 * result, and closing removes the seed.
 */
record StepBase(Digest image, Optional<Digest> seed, ImageService images, ImageService.ImageUsage usage)
        implements AutoCloseable {

    static StepBase of(ImageService images, berth.container.ContainerService containers, StageState state) {
        return of(images, containers, state.imageId, () -> state.config.toImageConfig());
    }

    /** For a container on {@code image} (empty: scratch); {@code config} is asked for only when a seed is made. */
    static StepBase of(ImageService images, berth.container.ContainerService containers, Optional<Digest> image,
                       java.util.function.Supplier<berth.image.ImageConfig> config) {
        if (image.isPresent() && !images.inspect(image.get().toString()).diffIds().isEmpty()) {
            return new StepBase(image.get(), Optional.empty(), images, containers.imageUsage());
        }
        Image seed = images.commit(new ImageCommit(image, config.get(), "", "", "", "",
                Optional.empty(), Instant.now()), out -> {
                    TarWriter tar = new TarWriter(out);
                    tar.put(TarWriter.Header.of("./", TarWriter.DIRECTORY, 0755, 0, 0, 0));
                    tar.finish();
                });
        return new StepBase(seed.id(), Optional.of(seed.id()), images, containers.imageUsage());
    }

    @Override
    public void close() {
        seed.ifPresent(id -> {
            try {
                images.remove(id.toString(), true, true, usage);
            } catch (BerthException e) {
                // a failed step's container still uses it; it goes with that container's image when pruned
            }
        });
    }
}

package berth.build.exec;

import berth.build.BuildCachePruneOptions;
import berth.build.BuildCachePruneReport;
import berth.build.BuildCacheRecord;
import berth.build.BuildOutput;
import berth.build.BuildRequest;
import berth.build.BuildResult;
import berth.build.BuilderService;
import berth.build.cache.BuildCache;
import berth.build.cache.CacheUsage;
import berth.build.context.BuildContext;
import berth.build.context.ContextOptions;
import berth.build.context.ContextReader;
import berth.container.ContainerService;
import berth.image.ImageIngest;
import berth.image.ImageService;
import berth.image.RegistryService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * The engine's builder: Docker 20.10's classic builder on berth's images and containers.
 *
 * <h2>On disk ({@code <data-root>/builder/})</h2>
 * <ul>
 *   <li>{@code cache/<id>.json}: the layer cache's entries ({@link BuildCache}); the images are the image store's.</li>
 *   <li>{@code tmp/}: build contexts being unpacked, one directory each; wiped at start.</li>
 * </ul>
 * Builds may run concurrently; each has its own context directory and pins the images it stands on
 * so that a prune meanwhile leaves them.
 */
public final class LocalBuilder implements BuilderService {
    private final ImageService images;
    private final Optional<ImageIngest> layers;
    private final ContainerService containers;
    private final RegistryService registries;
    private final Path tmp;
    private final BuildCache cache;

    /**
     * @param registries for FROM images that are missing (or {@code pull}); null: those fail NOT_FOUND
     * @param dataRoot   the daemon's data root; the builder keeps its state under {@code builder/}
     */
    public LocalBuilder(ImageService images, ContainerService containers, RegistryService registries, Path dataRoot) {
        this(images, containers, registries, dataRoot, images instanceof ImageIngest i ? i : null);
    }

    /**
     * @param layers the image store's layer access, for {@code --cache-from} sources whose steps must be
     *               rebuilt from their layers; null: such sources serve only their last step
     */
    public LocalBuilder(ImageService images, ContainerService containers, RegistryService registries, Path dataRoot,
                        ImageIngest layers) {
        this.images = images;
        this.layers = Optional.ofNullable(layers);
        this.containers = containers;
        this.registries = registries;
        Path root = dataRoot.resolve("builder");
        this.tmp = root.resolve("tmp");
        try {
            if (Files.exists(tmp)) {
                berth.store.FileTrees.deleteRecursively(tmp);
            }
            Files.createDirectories(tmp,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the builder's directory " + tmp, e);
        }
        this.cache = BuildCache.open(root.resolve("cache"));
    }

    @Override
    public BuildResult build(BuildRequest request, InputStream contextBody, BuildOutput out) {
        ContextOptions options = ContextOptions.inBody(tmp).withDockerfile(request.dockerfile());
        try (BuildContext context = ContextReader.read(contextBody, options)) {
            return new BuildRun(images, layers, containers, registries, cache, request, out, context).run();
        }
    }

    @Override
    public BuildCachePruneReport prune(BuildCachePruneOptions options) {
        return new CacheUsage(cache, images, containers).prune(options);
    }

    @Override
    public List<BuildCacheRecord> cacheUsage() {
        return new CacheUsage(cache, images, containers).records();
    }
}

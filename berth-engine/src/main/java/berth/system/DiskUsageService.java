package berth.system;

import berth.container.Container;
import berth.container.ContainerFilter;
import berth.container.ContainerService;
import berth.content.Digest;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.image.Image;
import berth.image.ImageFilter;
import berth.image.ImageService;
import berth.image.ImageService.LayerSize;
import berth.store.DirectorySize;
import berth.volume.Volume;
import berth.volume.VolumeFilter;
import berth.volume.VolumeService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code docker system df}: measures what the images, containers, volumes and build cache take, as
 * dockerd 20.10 does (see the package comment for the vocabulary). Every call measures afresh: layer sizes
 * come from the image store, writable layers and volumes are walked, so asking only for the parts needed
 * saves the walks.
 *
 * <p>Things removed while the usage is gathered are left out, never an error.
 */
public final class DiskUsageService {
    private static final System.Logger LOG = System.getLogger(DiskUsageService.class.getName());
    private static final ContainerFilter EVERY_CONTAINER = new ContainerFilter(true, OptionalInt.empty(), List.of(),
            List.of(), List.of(), List.of(), List.of());
    private static final ImageFilter EVERY_IMAGE = new ImageFilter(List.of(), Optional.empty(), List.of(), List.of(),
            List.of(), true);

    private final ImageService images;
    private final ContainerService containers;
    private final Optional<VolumeService> volumes;
    private final Supplier<List<DiskUsage.CacheEntry>> buildCache;

    /**
     * @param volumes    empty when the daemon has no volumes (the part is then an empty list)
     * @param buildCache the builder's cache entries, e.g. {@code BuilderService::cacheUsage} mapped
     */
    public DiskUsageService(ImageService images, ContainerService containers, Optional<VolumeService> volumes,
                            Supplier<List<DiskUsage.CacheEntry>> buildCache) {
        this.images = images;
        this.containers = containers;
        this.volumes = volumes;
        this.buildCache = buildCache;
    }

    /** The usage of the parts asked for; the others are empty. */
    public DiskUsage usage(Set<DiskUsage.Part> parts) {
        boolean wantImages = parts.contains(DiskUsage.Part.IMAGES);
        boolean wantContainers = parts.contains(DiskUsage.Part.CONTAINERS);
        List<Container> allContainers = wantImages || wantContainers ? containers.list(EVERY_CONTAINER) : List.of();
        LayerAccounting layers = wantImages || wantContainers ? layers() : new LayerAccounting(Map.of(), List.of());
        Optional<List<DiskUsage.ImageUsage>> imageUsage = Optional.empty();
        if (wantImages) {
            Map<Digest, Long> users = allContainers.stream().collect(Collectors.groupingBy(Container::imageId, Collectors.counting()));
            List<DiskUsage.ImageUsage> out = new ArrayList<>();
            for (Image img : images.list(ImageFilter.none())) {
                out.add(new DiskUsage.ImageUsage(img, layers.size(img.id()), layers.sharedSize(img.id()),
                        users.getOrDefault(img.id(), 0L).intValue()));
            }
            imageUsage = Optional.of(out);
        }
        Optional<List<DiskUsage.ContainerUsage>> containerUsage = Optional.empty();
        if (wantContainers) {
            List<DiskUsage.ContainerUsage> out = new ArrayList<>();
            for (Container c : allContainers) {
                containerUsage(c, layers).ifPresent(out::add);
            }
            containerUsage = Optional.of(out);
        }
        Optional<List<DiskUsage.VolumeUsage>> volumeUsage = Optional.empty();
        if (parts.contains(DiskUsage.Part.VOLUMES)) {
            volumeUsage = Optional.of(volumes.map(this::volumeUsage).orElse(List.of()));
        }
        Optional<List<DiskUsage.CacheEntry>> cache = parts.contains(DiskUsage.Part.BUILD_CACHE)
                ? Optional.of(buildCache.get()) : Optional.empty();
        return new DiskUsage(wantImages ? layers.layersSize() : 0, imageUsage, containerUsage, volumeUsage, cache);
    }

    /** Every image's layers, intermediate images included, and which images {@code docker images} lists. */
    private LayerAccounting layers() {
        Map<Digest, List<LayerSize>> every = new HashMap<>();
        for (Image img : images.list(EVERY_IMAGE)) {
            try {
                every.put(img.id(), images.layerSizes(img.id()));
            } catch (BerthException e) {
                if (e.kind() != ErrorKind.NOT_FOUND) {
                    throw e;
                }
                // removed since the list was taken
            }
        }
        List<Digest> listed = images.list(ImageFilter.none()).stream().map(Image::id).toList();
        return new LayerAccounting(every, listed);
    }

    /** Empty when the container was removed meanwhile. */
    private Optional<DiskUsage.ContainerUsage> containerUsage(Container c, LayerAccounting layers) {
        try {
            long rw = containers.writableLayerSize(c.id()).orElse(0);
            return Optional.of(new DiskUsage.ContainerUsage(c, rw, rw + layers.size(c.imageId()), containers.volumeMounts(c.id())));
        } catch (BerthException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private List<DiskUsage.VolumeUsage> volumeUsage(VolumeService vs) {
        List<DiskUsage.VolumeUsage> out = new ArrayList<>();
        for (Volume v : vs.list(VolumeFilter.ALL)) {
            OptionalLong size;
            try {
                size = OptionalLong.of(DirectorySize.of(v.mountpoint()));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot measure volume " + v.name() + ": " + e.getMessage());
                size = OptionalLong.empty();
            }
            out.add(new DiskUsage.VolumeUsage(v, size, vs.users(v.name()).size()));
        }
        return out;
    }
}

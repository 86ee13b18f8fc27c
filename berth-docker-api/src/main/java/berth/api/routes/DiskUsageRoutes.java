package berth.api.routes;

import berth.api.http.Exchange;
import berth.api.http.Router;
import berth.api.wire.ContainerMapper;
import berth.api.wire.DiskUsageDtos;
import berth.api.wire.ImageDtos;
import berth.api.wire.ImageMapper;
import berth.api.wire.VolumeDtos;
import berth.build.BuilderService;
import berth.container.Container;
import berth.container.ContainerFilter;
import berth.container.ContainerService;
import berth.content.Digest;
import berth.errors.BerthException;
import berth.image.HistoryEntry;
import berth.image.HistoryStep;
import berth.image.Image;
import berth.image.ImageFilter;
import berth.image.ImageService;
import berth.volume.Volume;
import berth.volume.VolumeFilter;
import berth.volume.VolumeService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code GET /system/df} ({@code docker system df}): images with how many containers use them and the
 * bytes they share, containers, volumes with their size and users, and the build cache
 * ({@link BuilderService#cacheUsage}). {@code type} (API 1.42) limits the answer to some of the four.
 *
 * <p>Layer sizes come from the images' histories (each step's layer size), keyed by DiffID, so a layer
 * two images share counts once in {@code LayersSize} and towards both images' {@code SharedSize}.
 * Containers' {@code SizeRw} is 0 and {@code SizeRootFs} the image's size: the engine does not measure a
 * writable layer yet.
 */
public final class DiskUsageRoutes {
    private static final Set<String> TYPES = Set.of("container", "image", "volume", "build-cache");

    private final ImageService images;
    private final ContainerService containers;
    private final VolumeService volumes;
    private final BuilderService builder;

    /** @param volumes may be null (no volumes part); @param builder may be null (an empty build cache) */
    public DiskUsageRoutes(ImageService images, ContainerService containers, VolumeService volumes, BuilderService builder) {
        this.images = images;
        this.containers = containers;
        this.volumes = volumes;
        this.builder = builder;
    }

    public void register(Router r) {
        r.add("GET", "/system/df", this::diskUsage);
    }

    private void diskUsage(Exchange ex) {
        List<String> asked = ex.query().all("type");
        for (String t : asked) {
            if (!TYPES.contains(t)) {
                throw BerthException.invalid("invalid type: " + t + " (expected container, image, volume or build-cache)");
            }
        }
        boolean all = asked.isEmpty();
        List<Container> allContainers = all || asked.contains("container") || asked.contains("image")
                ? containers.list(new ContainerFilter(true, OptionalInt.empty(), List.of(), List.of(), List.of(), List.of(), List.of()))
                : List.of();
        long layersSize = 0;
        List<ImageDtos.Summary> imageUsage = null;
        if (all || asked.contains("image")) {
            Layers layers = layers(images.list(new ImageFilter(List.of(), Optional.empty(), List.of(), List.of(), List.of(), true)));
            layersSize = layers.total();
            Map<Digest, Long> users = allContainers.stream().collect(Collectors.groupingBy(Container::imageId, Collectors.counting()));
            imageUsage = new ArrayList<>();
            for (Image img : images.list(ImageFilter.none())) {
                ImageDtos.Summary s = ImageMapper.summary(img, ex.version());
                imageUsage.add(new ImageDtos.Summary(s.id(), s.parentId(), s.repoTags(), s.repoDigests(), s.created(), s.size(),
                        layers.sharedSize(img), s.virtualSize(), s.labels(), users.getOrDefault(img.id(), 0L).intValue()));
            }
        }
        List<DiskUsageDtos.ContainerUsage> containerUsage = null;
        if (all || asked.contains("container")) {
            Instant now = Instant.now();
            Map<Digest, Long> imageSizes = new HashMap<>();
            containerUsage = allContainers.stream().map(c -> new DiskUsageDtos.ContainerUsage(ContainerMapper.summary(c, now), 0,
                    imageSizes.computeIfAbsent(c.imageId(), this::imageSize))).toList();
        }
        List<DiskUsageDtos.VolumeUsage> volumeUsage = null;
        if (volumes != null && (all || asked.contains("volume"))) {
            volumeUsage = volumes.list(VolumeFilter.ALL).stream().map(this::volumeUsage).toList();
        }
        List<DiskUsageDtos.BuildCache> cache = null;
        if (all || asked.contains("build-cache")) {
            cache = builder == null ? List.of() : builder.cacheUsage().stream().map(DiskUsageDtos.BuildCache::of).toList();
        }
        ex.respondJson(200, new DiskUsageDtos.DiskUsage(layersSize, imageUsage, containerUsage, volumeUsage, cache));
    }

    private long imageSize(Digest id) {
        try {
            return images.inspect(id.toString()).size();
        } catch (BerthException gone) {
            return 0;
        }
    }

    private DiskUsageDtos.VolumeUsage volumeUsage(Volume v) {
        return new DiskUsageDtos.VolumeUsage(VolumeDtos.of(v), new DiskUsageDtos.UsageData(directorySize(v.mountpoint()),
                volumes.users(v.name()).size()));
    }

    /** Bytes of the regular files under a volume, as dockerd's {@code directory.Size}; -1 when unreadable. */
    static long directorySize(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    /** Each layer's size (by DiffID) and the images that have it. */
    private record Layers(Map<Digest, Long> sizes, Map<Digest, Set<Digest>> imagesOf, Map<Digest, List<Digest>> layersOf) {
        long total() {
            return sizes.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The bytes of an image's layers that another image has too. */
        long sharedSize(Image img) {
            return layersOf.getOrDefault(img.id(), List.of()).stream().filter(l -> imagesOf.get(l).size() > 1)
                    .mapToLong(l -> sizes.getOrDefault(l, 0L)).sum();
        }
    }

    private Layers layers(List<Image> all) {
        Map<Digest, Long> sizes = new HashMap<>();
        Map<Digest, Set<Digest>> imagesOf = new HashMap<>();
        Map<Digest, List<Digest>> layersOf = new HashMap<>();
        for (Image img : all) {
            Map<Digest, Long> own = layerSizes(img);
            own.forEach(sizes::putIfAbsent);
            for (Digest l : img.diffIds()) {
                imagesOf.computeIfAbsent(l, k -> new HashSet<>()).add(img.id());
            }
            layersOf.put(img.id(), img.diffIds());
        }
        return new Layers(sizes, imagesOf, layersOf);
    }

    /**
     * An image's layers with their sizes: history entries that made a layer pair with the DiffIDs in order.
     * When the two do not line up (an image whose history is incomplete), the image's whole size goes to its top layer.
     */
    private Map<Digest, Long> layerSizes(Image img) {
        Map<Digest, Long> out = new HashMap<>();
        List<Digest> diffIds = img.diffIds();
        if (diffIds.isEmpty()) {
            return out;
        }
        List<HistoryEntry> entries = img.history();
        List<HistoryStep> steps;
        try {
            steps = images.history(img.id().toString()).reversed();
        } catch (BerthException gone) {
            steps = List.of();
        }
        long withLayer = entries.stream().filter(e -> !e.emptyLayer()).count();
        if (steps.size() != entries.size() || withLayer != diffIds.size()) {
            diffIds.forEach(d -> out.put(d, 0L));
            out.put(diffIds.getLast(), img.size());
            return out;
        }
        int layer = 0;
        for (int i = 0; i < entries.size(); i++) {
            if (!entries.get(i).emptyLayer()) {
                out.put(diffIds.get(layer++), steps.get(i).size());
            }
        }
        return out;
    }
}

package berth.api.routes;

import berth.api.http.Exchange;
import berth.api.http.Router;
import berth.api.wire.ContainerDtos;
import berth.api.wire.ContainerMapper;
import berth.api.wire.DiskUsageDtos;
import berth.api.wire.ImageDtos;
import berth.api.wire.ImageMapper;
import berth.api.wire.VolumeDtos;
import berth.build.BuildCacheRecord;
import berth.build.BuilderService;
import berth.errors.BerthException;
import berth.system.DiskUsage;
import berth.system.DiskUsageService;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /system/df} ({@code docker system df}): the engine's {@link DiskUsageService} measures, this
 * maps to the wire. {@code type} (API 1.42) limits the answer to some of the four parts; a part not asked
 * for is null. Below API 1.42 the answer carries the legacy {@code BuilderSize} (the cache's bytes).
 */
public final class DiskUsageRoutes {
    private static final Map<String, DiskUsage.Part> TYPES = Map.of("container", DiskUsage.Part.CONTAINERS,
            "image", DiskUsage.Part.IMAGES, "volume", DiskUsage.Part.VOLUMES, "build-cache", DiskUsage.Part.BUILD_CACHE);

    private final DiskUsageService usage;

    public DiskUsageRoutes(DiskUsageService usage) {
        this.usage = usage;
    }

    /** The builder's cache entries for the engine's disk usage; none without a builder. */
    public static Supplier<List<DiskUsage.CacheEntry>> cacheEntries(BuilderService builder) {
        return builder == null ? List::of : () -> builder.cacheUsage().stream().map(DiskUsageRoutes::entry).toList();
    }

    private static DiskUsage.CacheEntry entry(BuildCacheRecord r) {
        return new DiskUsage.CacheEntry(r.id(), r.parent(), r.type(), r.description(), r.inUse(), r.shared(), r.size(),
                r.createdAt(), r.lastUsedAt(), r.usageCount());
    }

    public void register(Router r) {
        r.add("GET", "/system/df", this::diskUsage);
    }

    private void diskUsage(Exchange ex) {
        Set<DiskUsage.Part> parts = EnumSet.noneOf(DiskUsage.Part.class);
        for (String t : ex.query().all("type")) {
            DiskUsage.Part p = TYPES.get(t);
            if (p == null) {
                throw BerthException.invalid("invalid type: " + t + " (expected container, image, volume or build-cache)");
            }
            parts.add(p);
        }
        if (parts.isEmpty()) {
            parts = EnumSet.allOf(DiskUsage.Part.class);
        }
        DiskUsage du = usage.usage(parts);
        Instant now = Instant.now();
        List<ImageDtos.Summary> images = du.images().map(l -> l.stream().map(i -> image(i, ex)).toList()).orElse(null);
        List<DiskUsageDtos.ContainerUsage> containers = du.containers().map(l -> l.stream()
                .map(c -> new DiskUsageDtos.ContainerUsage(container(c, now), c.sizeRw(), c.sizeRootFs()))
                .toList()).orElse(null);
        List<DiskUsageDtos.VolumeUsage> volumes = du.volumes().map(l -> l.stream()
                .map(v -> new DiskUsageDtos.VolumeUsage(VolumeDtos.of(v.volume()),
                        new DiskUsageDtos.UsageData(v.size().orElse(-1), v.refCount())))
                .toList()).orElse(null);
        List<DiskUsageDtos.BuildCache> cache = du.buildCache().map(l -> l.stream().map(DiskUsageDtos.BuildCache::of).toList())
                .orElse(null);
        Long builderSize = ex.version().atLeast(1, 42) ? null
                : du.buildCache().orElse(List.of()).stream().mapToLong(DiskUsage.CacheEntry::size).sum();
        ex.respondJson(200, new DiskUsageDtos.DiskUsage(du.layersSize(), images, containers, volumes, cache, builderSize));
    }

    /** The list entry with the container's volume mounts, which the CLI counts as LOCAL VOLUMES. */
    private static ContainerDtos.Summary container(DiskUsage.ContainerUsage c, Instant now) {
        ContainerDtos.Summary s = ContainerMapper.summary(c.container(), now);
        return new ContainerDtos.Summary(s.id(), s.names(), s.image(), s.imageId(), s.command(), s.created(), s.ports(),
                s.labels(), s.state(), s.status(), s.hostConfig(), s.networkSettings(),
                c.volumes().stream().map(m -> (Object) VolumeDtos.mountPoint(m)).toList());
    }

    private static ImageDtos.Summary image(DiskUsage.ImageUsage u, Exchange ex) {
        ImageDtos.Summary s = ImageMapper.summary(u.image(), ex.version());
        return new ImageDtos.Summary(s.id(), s.parentId(), s.repoTags(), s.repoDigests(), s.created(), u.size(),
                u.sharedSize(), s.virtualSize() == null ? null : u.size(), s.labels(), u.containers());
    }
}

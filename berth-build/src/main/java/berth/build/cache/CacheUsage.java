package berth.build.cache;

import berth.build.BuildCachePruneOptions;
import berth.build.BuildCachePruneReport;
import berth.build.BuildCacheRecord;
import berth.container.ContainerService;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.image.Image;
import berth.image.ImageFilter;
import berth.image.ImageService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cache as {@code system df} and {@code builder prune} see it. An entry's size is its image's own
 * layer (0 for a config-only step); it is shared when the image is also tagged, an ancestor of a tagged
 * image, or used by a container, because then removing the entry frees nothing.
 */
public final class CacheUsage {
    private final BuildCache cache;
    private final ImageService images;
    private final ContainerService containers;

    public CacheUsage(BuildCache cache, ImageService images, ContainerService containers) {
        this.cache = cache;
        this.images = images;
        this.containers = containers;
    }

    /** One record per entry whose image still exists (entries of vanished images are dropped). */
    public List<BuildCacheRecord> records() {
        return measured().stream().map(Measured::record).toList();
    }

    private record Measured(CacheEntry entry, BuildCacheRecord record, int depth) {}

    private List<Measured> measured() {
        Map<String, Image> all = new HashMap<>();
        ImageFilter everything = new ImageFilter(List.of(), Optional.empty(), List.of(), List.of(), List.of(), true);
        for (Image img : images.list(everything)) {
            all.put(img.id().toString(), img);
        }
        Set<String> shared = sharedImages(all);
        Map<String, String> entryByImage = new HashMap<>();
        for (CacheEntry e : cache.entries()) {
            entryByImage.put(e.imageId(), e.id());
        }
        List<Measured> out = new ArrayList<>();
        for (CacheEntry e : cache.entries()) {
            Image img = all.get(e.imageId());
            if (img == null) {
                cache.forget(e.id());
                continue;
            }
            long size = ownLayerSize(img);
            out.add(new Measured(e, new BuildCacheRecord(e.id(), Optional.ofNullable(entryByImage.get(e.parentImage())),
                    "regular", e.description(), cache.isPinned(e.imageId()), shared.contains(e.imageId()), size,
                    e.createdAt(), e.lastUsedAt(), e.usageCount()), img.history().size()));
        }
        return out;
    }

    private long ownLayerSize(Image img) {
        if (img.history().isEmpty() || img.history().getLast().emptyLayer()) {
            return 0;
        }
        try {
            return images.history(img.id().toString()).getFirst().size();
        } catch (BerthException e) {
            return 0;
        }
    }

    /** Images kept regardless of the cache: tagged ones and their ancestors, and those containers use. */
    private Set<String> sharedImages(Map<String, Image> all) {
        Set<String> shared = new HashSet<>();
        ImageService.ImageUsage usage = containers.imageUsage();
        for (Image img : all.values()) {
            if (img.repoTags().isEmpty() && usage.usersOf(img.id()).isEmpty()) {
                continue;
            }
            Image at = img;
            while (at != null && shared.add(at.id().toString())) {
                at = at.parent() == null || at.parent().isEmpty() ? null : all.get(at.parent());
            }
        }
        return shared;
    }

    /**
     * Drops entries and deletes the images only they kept: every entry not in use (and, without
     * {@code all}, not shared) last used before {@code until}; with a {@code keepStorage} limit, only the
     * oldest until the rest fit. Shared entries are dropped without touching their images.
     */
    public BuildCachePruneReport prune(BuildCachePruneOptions options) {
        List<Measured> all = new ArrayList<>(measured());
        all.sort(Comparator.comparing((Measured m) -> m.entry().lastUsedAt().orElse(m.entry().createdAt())));
        long total = all.stream().mapToLong(m -> m.record().size()).sum();
        List<Measured> chosen = new ArrayList<>();
        for (Measured m : all) {
            if (options.keepStorage() > 0 && total <= options.keepStorage()) {
                break;
            }
            BuildCacheRecord r = m.record();
            boolean old = options.until().map(u -> m.entry().lastUsedAt().orElse(m.entry().createdAt()).isBefore(u))
                    .orElse(true);
            if (r.inUse() || (!options.all() && r.shared()) || !old) {
                continue;
            }
            chosen.add(m);
            total -= r.size();
        }
        chosen.sort(Comparator.comparingInt(Measured::depth).reversed()); // children before their parents
        List<String> deleted = new ArrayList<>();
        long reclaimed = 0;
        for (Measured m : chosen) {
            if (cache.isPinned(m.entry().imageId())) {
                continue; // a build started using it since
            }
            if (!m.record().shared()) {
                try {
                    images.remove(m.entry().imageId(), false, true, containers.imageUsage());
                    reclaimed += m.record().size();
                } catch (BerthException e) {
                    if (e.kind() != ErrorKind.NOT_FOUND) {
                        continue; // another image was made on it meanwhile: it stays, and so does its entry
                    }
                }
            }
            cache.forget(m.entry().id());
            deleted.add(m.entry().id());
        }
        return new BuildCachePruneReport(deleted, reclaimed);
    }
}

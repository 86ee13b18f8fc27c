package berth.system;

import berth.container.Container;
import berth.container.VolumeMount;
import berth.image.Image;
import berth.volume.Volume;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code docker system df} shows. A part that was not asked for is empty; {@code layersSize} is
 * counted with the images part (0 without it).
 *
 * @param layersSize bytes of every layer any image holds, each layer once
 */
public record DiskUsage(long layersSize, Optional<List<ImageUsage>> images, Optional<List<ContainerUsage>> containers,
                        Optional<List<VolumeUsage>> volumes, Optional<List<CacheEntry>> buildCache) {
    public DiskUsage {
        images = images.map(List::copyOf);
        containers = containers.map(List::copyOf);
        volumes = volumes.map(List::copyOf);
        buildCache = buildCache.map(List::copyOf);
    }

    /** The four parts; {@code GET /system/df?type=} names them container, image, volume, build-cache. */
    public enum Part { IMAGES, CONTAINERS, VOLUMES, BUILD_CACHE }

    /**
     * An image as {@code system df -v} lists it.
     *
     * @param size       bytes of all its layers
     * @param sharedSize bytes of its layers that another listed image has too
     * @param containers how many containers, running or not, were made from it
     */
    public record ImageUsage(Image image, long size, long sharedSize, int containers) {
        /** Bytes only this image holds: what removing it alone would give back. */
        public long uniqueSize() {
            return size - sharedSize;
        }
    }

    /**
     * A container with its sizes.
     *
     * @param sizeRw     bytes in its writable layer (0 when they could not be measured)
     * @param sizeRootFs its writable layer plus its image's layers
     * @param volumes    its volume mount points ({@code system df -v} counts them as LOCAL VOLUMES)
     */
    public record ContainerUsage(Container container, long sizeRw, long sizeRootFs, List<VolumeMount> volumes) {
        public ContainerUsage {
            volumes = List.copyOf(volumes);
        }
    }

    /**
     * A volume with its size and users.
     *
     * @param size     bytes of its data; empty when the directory could not be read (dockerd shows -1)
     * @param refCount containers, running or not, that name it
     */
    public record VolumeUsage(Volume volume, OptionalLong size, int refCount) {}

    /** One build cache entry (the builder's own record, carried through to the API unchanged). */
    public record CacheEntry(String id, Optional<String> parent, String type, String description, boolean inUse,
                             boolean shared, long size, Instant createdAt, Optional<Instant> lastUsedAt,
                             int usageCount) {}
}

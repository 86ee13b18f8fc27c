package berth.api.wire;

import berth.system.DiskUsage.CacheEntry;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/** {@code GET /system/df}: what the docker CLI's {@code system df} tabulates. A part not asked for is null. */
public final class DiskUsageDtos {
    private DiskUsageDtos() {}

    /** @param builderSize the cache's bytes, only below API 1.42 (null leaves it out) */
    public record DiskUsage(long layersSize, List<ImageDtos.Summary> images, List<ContainerUsage> containers,
                            List<VolumeUsage> volumes, List<BuildCache> buildCache,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Long builderSize) {}

    /** A container's list entry with its sizes; dockerd leaves a 0 out (Go's omitempty). */
    public record ContainerUsage(@JsonUnwrapped ContainerDtos.Summary summary,
                                 @JsonInclude(JsonInclude.Include.NON_DEFAULT) long sizeRw,
                                 @JsonInclude(JsonInclude.Include.NON_DEFAULT) long sizeRootFs) {}

    /** A volume with {@code UsageData}: its size on disk (-1 when unreadable) and the containers that use it. */
    public record VolumeUsage(@JsonUnwrapped VolumeDtos.VolumeJson volume, UsageData usageData) {}

    public record UsageData(long size, long refCount) {}

    /** One build cache entry, as dockerd 20.10 writes it ({@code Parent} empty when none, {@code LastUsedAt} null). */
    public record BuildCache(@JsonProperty("ID") String id, String parent, String type, String description, boolean inUse,
                             boolean shared, long size, String createdAt, String lastUsedAt, int usageCount) {
        public static BuildCache of(CacheEntry r) {
            return new BuildCache(r.id(), r.parent().orElse(""), r.type(), r.description(), r.inUse(), r.shared(), r.size(),
                    Times.rfc3339Nano(r.createdAt()), r.lastUsedAt().map(Times::rfc3339Nano).orElse(null), r.usageCount());
        }
    }
}

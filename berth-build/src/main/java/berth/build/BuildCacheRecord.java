package berth.build;

import java.time.Instant;
import java.util.Optional;

/**
 * One build cache entry as {@code GET /system/df} shows it ({@code BuildCache[]}).
 *
 * @param id          the entry's ID
 * @param parent      the entry it was built on, if it is one too
 * @param type        {@code regular} for a step's result, {@code source.local} for a copied context
 * @param description the step, e.g. {@code "RUN apk add curl"}
 * @param inUse       a running build is using it (prune leaves it)
 * @param shared      its layer is also an image's in use outside the cache (prune reclaims nothing of it)
 * @param size        bytes only this entry keeps (its own layer's size; 0 for a metadata step)
 */
public record BuildCacheRecord(String id, Optional<String> parent, String type, String description, boolean inUse,
                               boolean shared, long size, Instant createdAt, Optional<Instant> lastUsedAt,
                               int usageCount) {
}

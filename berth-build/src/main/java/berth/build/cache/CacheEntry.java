package berth.build.cache;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded step: its key's ID, the image it was built on and the image it made.
 *
 * @param id          {@link CacheKey#id()}
 * @param parentImage the image the step ran on ({@code sha256:...}); empty for a step on nothing
 * @param imageId     the step's result
 * @param description the instruction, e.g. {@code RUN apk add curl}
 */
public record CacheEntry(String id, String parentImage, String imageId, String description, Instant createdAt,
                         Optional<Instant> lastUsedAt, int usageCount) {
    public CacheEntry {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a cache entry's id is 64 hex digits, not " + id);
        }
        Objects.requireNonNull(parentImage, "parentImage");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    }

    CacheEntry used(Instant now) {
        return new CacheEntry(id, parentImage, imageId, description, createdAt, Optional.of(now), usageCount + 1);
    }
}

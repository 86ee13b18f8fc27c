package berth.registry.storage;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Limits and timing of the registry's storage.
 *
 * @param maxBlobSize largest blob an upload may grow to, in bytes
 * @param maxManifestSize largest manifest accepted, in bytes (the spec asks for at least 4 MB)
 * @param gcGrace how long a freshly uploaded or mounted blob is kept without a manifest referencing it
 * @param clock the time source for the grace period (tests pass a fixed one)
 */
public record StorageConfig(long maxBlobSize, int maxManifestSize, Duration gcGrace, InstantSource clock) {
    public StorageConfig {
        if (maxBlobSize <= 0 || maxManifestSize <= 0) {
            throw new IllegalArgumentException("size limits must be positive");
        }
        if (gcGrace.isNegative()) {
            throw new IllegalArgumentException("gc grace period must not be negative: " + gcGrace);
        }
        Objects.requireNonNull(clock);
    }

    public static StorageConfig defaults() {
        return new StorageConfig(10L << 30, 4 << 20, Duration.ofHours(1), InstantSource.system());
    }

    public StorageConfig withMaxBlobSize(long bytes) {
        return new StorageConfig(bytes, maxManifestSize, gcGrace, clock);
    }

    public StorageConfig withGcGrace(Duration grace) {
        return new StorageConfig(maxBlobSize, maxManifestSize, grace, clock);
    }

    public StorageConfig withClock(InstantSource source) {
        return new StorageConfig(maxBlobSize, maxManifestSize, gcGrace, source);
    }
}

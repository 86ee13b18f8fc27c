package berth.logging.logfile;

import java.util.OptionalLong;

/**
 * When and how a log file rotates.
 *
 * @param maxSize  rotate once the live file holds this many bytes (empty: never)
 * @param maxFiles how many files to keep in all, the live one included (1: the live file is replaced)
 * @param compress gzip the rotated files (needs {@code maxFiles} ≥ 2)
 */
public record RotationPolicy(OptionalLong maxSize, int maxFiles, boolean compress) {
    public RotationPolicy {
        if (maxSize.isPresent() && maxSize.getAsLong() < 0) {
            throw new IllegalArgumentException("maxSize must not be negative: " + maxSize.getAsLong());
        }
        if (maxFiles < 1) {
            throw new IllegalArgumentException("maxFiles must be at least 1: " + maxFiles);
        }
        if (compress && maxFiles < 2) {
            throw new IllegalArgumentException("compress needs maxFiles >= 2");
        }
    }

    /** One file that grows without limit. */
    public static RotationPolicy unlimited() {
        return new RotationPolicy(OptionalLong.empty(), 1, false);
    }
}

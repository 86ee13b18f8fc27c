package berth.volume;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A named volume: a directory the daemon owns, mounted into containers by name.
 *
 * @param name       Docker's name rules ({@code [a-zA-Z0-9][a-zA-Z0-9_.-]+}); anonymous volumes: 64 hex
 * @param driver     always "local" in berth
 * @param mountpoint the host directory containers see ({@code <data-root>/volumes/<name>/_data})
 * @param labels     user labels; anonymous volumes carry {@link #ANONYMOUS_LABEL}
 * @param options    the local driver's options as given: type, device, o
 */
public record Volume(String name, String driver, Path mountpoint, Instant createdAt, Map<String, String> labels,
        Map<String, String> options) {
    /** The label Docker (API 1.42+) puts on anonymous volumes, so prune can tell them from named ones. */
    public static final String ANONYMOUS_LABEL = "com.docker.volume.anonymous";

    public Volume {
        labels = Map.copyOf(labels);
        options = Map.copyOf(options);
    }

    public boolean anonymous() {
        return labels.containsKey(ANONYMOUS_LABEL);
    }
}

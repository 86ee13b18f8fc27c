package berth.container;

import java.time.Instant;
import java.util.List;

/**
 * {@code State.Health}: "starting", "healthy" or "unhealthy", the count of consecutive failures and
 * the last (at most five) probe results.
 */
public record Health(String status, int failingStreak, List<Probe> log) {
    public static final String STARTING = "starting";
    public static final String HEALTHY = "healthy";
    public static final String UNHEALTHY = "unhealthy";

    public Health {
        log = log == null ? List.of() : List.copyOf(log);
    }

    public static Health starting() {
        return new Health(STARTING, 0, List.of());
    }

    /** One run of the check: output is what it printed (truncated to 4 KiB, as Docker does). */
    public record Probe(Instant start, Instant end, int exitCode, String output) {}
}

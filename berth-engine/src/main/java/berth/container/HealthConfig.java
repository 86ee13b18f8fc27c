package berth.container;

import java.util.List;

/**
 * A health check ({@code Healthcheck} in the image's and the container's config). Durations are in
 * nanoseconds as on the wire; 0 means "inherit / Docker's default" (30 s interval, 30 s timeout,
 * 0 start period, 3 retries).
 *
 * @param test {@code ["NONE"]} disables an inherited check; {@code ["CMD", argv...]} runs argv;
 *             {@code ["CMD-SHELL", "cmd"]} runs {@code /bin/sh -c cmd}; empty inherits the image's
 */
public record HealthConfig(List<String> test, long intervalNanos, long timeoutNanos, long startPeriodNanos,
        int retries) {

    public static final long DEFAULT_INTERVAL_NANOS = 30_000_000_000L;
    public static final long DEFAULT_TIMEOUT_NANOS = 30_000_000_000L;
    public static final int DEFAULT_RETRIES = 3;

    public HealthConfig {
        test = test == null ? List.of() : List.copyOf(test);
    }

    public boolean disabled() {
        return test.isEmpty() || test.getFirst().equals("NONE");
    }
}

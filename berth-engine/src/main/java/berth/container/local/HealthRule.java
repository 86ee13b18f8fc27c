package berth.container.local;

import berth.container.Health;
import berth.container.HealthConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker's health-check bookkeeping (moby daemon/health.go): a success makes the container healthy
 * and clears the failing streak; a failure adds to the streak, except while the container is still
 * starting within its start period, and turns it unhealthy once the streak reaches the retries.
 * The last five results are kept.
 */
final class HealthRule {
    static final int KEPT_RESULTS = 5;
    static final int MAX_OUTPUT = 4096;

    private HealthRule() {}

    static Health next(Health current, Health.Probe result, HealthConfig cfg, Instant containerStarted) {
        List<Health.Probe> log = new ArrayList<>(current.log());
        log.add(result);
        while (log.size() > KEPT_RESULTS) {
            log.removeFirst();
        }
        if (result.exitCode() == 0) {
            return new Health(Health.HEALTHY, 0, log);
        }
        boolean inStartPeriod = current.status().equals(Health.STARTING)
                && Duration.between(containerStarted, result.start()).toNanos() < cfg.startPeriodNanos();
        if (inStartPeriod) {
            return new Health(current.status(), current.failingStreak(), log);
        }
        int streak = current.failingStreak() + 1;
        String status = streak >= retries(cfg) ? Health.UNHEALTHY : current.status();
        return new Health(status, streak, log);
    }

    static Duration interval(HealthConfig cfg) {
        return Duration.ofNanos(cfg.intervalNanos() > 0 ? cfg.intervalNanos() : HealthConfig.DEFAULT_INTERVAL_NANOS);
    }

    static Duration timeout(HealthConfig cfg) {
        return Duration.ofNanos(cfg.timeoutNanos() > 0 ? cfg.timeoutNanos() : HealthConfig.DEFAULT_TIMEOUT_NANOS);
    }

    static int retries(HealthConfig cfg) {
        return cfg.retries() > 0 ? cfg.retries() : HealthConfig.DEFAULT_RETRIES;
    }

    /** The argv a check runs: CMD's own, CMD-SHELL's through /bin/sh -c. Empty for NONE or an unknown form. */
    static List<String> argv(HealthConfig cfg) {
        List<String> test = cfg.test();
        if (test.isEmpty()) {
            return List.of();
        }
        return switch (test.getFirst()) {
            case "CMD" -> test.subList(1, test.size());
            case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())));
            default -> List.of();
        };
    }

    /** Docker keeps at most 4 KiB of a probe's output. */
    static String truncate(String output) {
        return output.length() > MAX_OUTPUT ? output.substring(0, MAX_OUTPUT) : output;
    }
}

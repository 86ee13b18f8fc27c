package berth.container.local;

import berth.container.HostConfig.RestartPolicy;
import berth.errors.BerthException;
import java.time.Duration;
import java.util.Set;

/**
 * Docker's restart policies and back-off (moby restartmanager): whether an exited container starts
 * again, and after how long. The delay starts at 100 ms and doubles with each restart up to one
 * minute; a run that lasted at least ten seconds resets it.
 */
final class RestartRule {
    static final Duration FIRST_DELAY = Duration.ofMillis(100);
    static final Duration MAX_DELAY = Duration.ofMinutes(1);
    static final Duration STABLE_RUN = Duration.ofSeconds(10);
    private static final Set<String> NAMES = Set.of("no", "always", "unless-stopped", "on-failure");

    private RestartRule() {}

    /** Refuses unknown names and retry counts on policies that have none, with Docker's messages. */
    static void validate(RestartPolicy p, boolean autoRemove) {
        if (!NAMES.contains(p.name())) {
            throw BerthException.invalid("invalid restart policy '" + p.name() + "'");
        }
        if (p.maximumRetryCount() < 0) {
            throw BerthException.invalid("invalid restart policy: maximum retry count cannot be negative");
        }
        if (p.maximumRetryCount() > 0 && !p.name().equals("on-failure")) {
            throw BerthException.invalid("invalid restart policy: maximum retry count can only be used with 'on-failure'");
        }
        if (autoRemove && !p.name().equals("no")) {
            throw BerthException.invalid("can't create 'AutoRemove' container with restart policy");
        }
    }

    /**
     * @param restartsSoFar restarts this policy has made since the user last started the container
     *                      (on-failure's maximum counts these)
     */
    static boolean shouldRestart(RestartPolicy p, int exitCode, boolean manuallyStopped, int restartsSoFar) {
        if (manuallyStopped) {
            return false;
        }
        return switch (p.name()) {
            case "always", "unless-stopped" -> true;
            case "on-failure" -> exitCode != 0
                    && (p.maximumRetryCount() == 0 || restartsSoFar < p.maximumRetryCount());
            default -> false;
        };
    }

    /**
     * Whether the daemon starts a stopped container of this policy when it comes up (moby's
     * restartmanager at daemon start): {@code always} even after a stop by hand, {@code unless-stopped}
     * only when not stopped by hand, {@code on-failure} by the exit code and the restarts it already
     * made, whoever stopped it.
     *
     * @param restartCount the container's RestartCount (restarts since the last start by the user)
     */
    static boolean startsWithDaemon(RestartPolicy p, int exitCode, boolean manuallyStopped, int restartCount) {
        return switch (p.name()) {
            case "always" -> true;
            case "unless-stopped" -> !manuallyStopped;
            case "on-failure" -> exitCode != 0
                    && (p.maximumRetryCount() == 0 || restartCount < p.maximumRetryCount());
            default -> false;
        };
    }

    /** The wait before the next restart, given the previous wait (null: none yet) and how long the run lasted. */
    static Duration nextDelay(Duration previous, Duration ranFor) {
        if (previous == null || ranFor.compareTo(STABLE_RUN) >= 0) {
            return FIRST_DELAY;
        }
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : doubled;
    }
}

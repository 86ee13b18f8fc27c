package berth.api.wire;

import java.time.Duration;

/** Docker's {@code units.HumanDuration}: the coarse English durations of {@code docker ps}. */
public final class HumanDuration {
    private HumanDuration() {}

    public static String of(Duration d) {
        double secondsExact = d.toNanos() / 1e9;
        long seconds = (long) secondsExact;
        if (seconds < 1) {
            return "Less than a second";
        } else if (seconds == 1) {
            return "1 second";
        } else if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = (long) (secondsExact / 60);
        if (minutes == 1) {
            return "About a minute";
        } else if (minutes < 60) {
            return minutes + " minutes";
        }
        // Go rounds hours to the nearest one here, unlike the smaller units
        long hours = (long) (secondsExact / 3600 + 0.5);
        if (hours == 1) {
            return "About an hour";
        } else if (hours < 48) {
            return hours + " hours";
        } else if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        } else if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return (long) (secondsExact / 3600 / 24 / 365) + " years";
    }
}

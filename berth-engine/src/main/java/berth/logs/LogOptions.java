package berth.logs;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What to read from a container's log.
 *
 * @param tail   only the last N entries (empty: all); {@code 0} means none of the past, only new ones
 * @param since  only entries at or after this time
 * @param until  only entries before this time
 * @param follow keep reading new entries until the container exits (then drain and end)
 */
public record LogOptions(boolean stdout, boolean stderr, boolean follow, OptionalInt tail,
                         Optional<Instant> since, Optional<Instant> until) {

    public static LogOptions all() {
        return new LogOptions(true, true, false, OptionalInt.empty(), Optional.empty(), Optional.empty());
    }
}

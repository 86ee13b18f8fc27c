package berth.logging.logfile;

import berth.logs.LogEntry;
import berth.logs.LogSource;
import java.util.Optional;

/** The log of a container that never wrote one: nothing to return. */
final class NoEntries implements LogSource {
    @Override
    public Optional<LogEntry> next() {
        return Optional.empty();
    }

    @Override
    public void close() {
        // nothing held
    }
}

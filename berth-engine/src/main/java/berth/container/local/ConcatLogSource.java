package berth.container.local;

import berth.logs.LogEntry;
import berth.logs.LogSource;
import java.io.IOException;
import java.util.Optional;

/** One source after another: an attach with logs=1 replays the log, then streams the run. */
final class ConcatLogSource implements LogSource {
    private final LogSource first;
    private final LogSource second;
    private volatile boolean firstDone;

    ConcatLogSource(LogSource first, LogSource second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public Optional<LogEntry> next() throws IOException, InterruptedException {
        if (!firstDone) {
            Optional<LogEntry> e = first.next();
            if (e.isPresent()) {
                return e;
            }
            firstDone = true;
            first.close();
        }
        return second.next();
    }

    @Override
    public boolean ready() {
        return firstDone ? second.ready() : first.ready();
    }

    @Override
    public void close() {
        first.close();
        second.close();
    }
}

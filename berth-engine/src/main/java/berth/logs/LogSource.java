package berth.logs;

import java.io.IOException;
import java.util.Optional;

/**
 * A blocking, pull-style reader of container output (meant for a virtual thread). {@link #next()}
 * blocks until an entry is there, and returns empty at the end: at end of the log when not
 * following, or once the container has exited and everything it wrote has been returned.
 * {@link #close()} may be called from another thread and makes a blocked {@code next()} return empty.
 */
public interface LogSource extends AutoCloseable {
    Optional<LogEntry> next() throws IOException, InterruptedException;

    /**
     * Whether {@link #next} has an entry at hand (it would not block). A writer to a client batches entries while
     * this holds and sends the batch when it stops holding; the default, false, sends every entry at once.
     */
    default boolean ready() {
        return false;
    }

    @Override
    void close();
}

package berth.logs.driver;

import berth.logs.LogOptions;
import berth.logs.LogSource;
import java.io.IOException;
import java.util.Optional;

/**
 * One container's log destination. {@link #log} is called on one thread per container, in order.
 * Blocking drivers may block while their destination is slow or down (the engine decides what blocks
 * the container: Docker's {@code mode=blocking|non-blocking}); they reconnect by themselves and never
 * drop a line silently: a line given up on is counted ({@link #dropped}).
 */
public interface LogDriver extends AutoCloseable {
    /** Delivers (or stores) one message. IOException when it cannot, after the driver's own retries. */
    void log(LogMessage message) throws IOException;

    /** For drivers that keep the lines ({@code json-file}, {@code local}): a reader for {@code docker logs}. */
    default Optional<LogSource> read(LogOptions options) throws IOException {
        return Optional.empty();
    }

    /** Lines given up on so far (a full non-blocking buffer, a destination gone for good). */
    default long dropped() {
        return 0;
    }

    /** Flushes what is buffered (waiting at most for the driver's own timeout) and releases connections and files. */
    @Override
    void close();
}

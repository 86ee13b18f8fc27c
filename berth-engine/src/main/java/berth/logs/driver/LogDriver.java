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

    /**
     * For drivers that keep the lines ({@code json-file}, {@code local}, and others through the dual-logging
     * cache): a reader for {@code docker logs}. When {@code options.follow()}, the reader goes on with what is
     * logged later and ends once {@code end} has completed (or this driver is closed) and it has returned
     * everything logged before that.
     */
    default Optional<LogSource> read(LogOptions options, java.util.concurrent.CompletableFuture<?> end) throws IOException {
        return Optional.empty();
    }

    /**
     * Writes out what {@link #log} buffered. The engine calls it whenever it has no further line at hand, so a
     * driver may batch its writes between calls (json-file writes its lines 256 KiB at a time under load).
     */
    default void flush() throws IOException {}

    /** Lines given up on so far (a full non-blocking buffer, a destination gone for good). */
    default long dropped() {
        return 0;
    }

    /** Flushes what is buffered (waiting at most for the driver's own timeout) and releases connections and files. */
    @Override
    void close();
}

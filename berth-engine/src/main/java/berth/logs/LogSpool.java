package berth.logs;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A container's output as its monitor spools it on disk (conmon's k8s-file), read by the engine's log
 * shipper: once, in order, from where the last reader stopped. The position survives daemon restarts,
 * so output written while the daemon was away is shipped when it comes back. The spool is kept small
 * by rotating it as it is read (the monitor is asked to reopen its file); nothing unread is discarded.
 *
 * <p>One reader at a time; {@link #close()} may be called from another thread and makes a blocked
 * {@link #next} return empty.
 */
public interface LogSpool extends AutoCloseable {
    /**
     * The next piece of output ({@link LogEntry#data()} ends with a newline unless the piece is partial).
     * Blocks while there is none; returns empty once {@code end} has completed and everything spooled
     * before it has been returned (the monitor writes all output before the container's exit is known).
     *
     * <p>Calling {@code next} acknowledges the entry returned before it: the caller has delivered it. The
     * position after acknowledged entries is persisted from time to time (at least before blocking and
     * before a rotated file is deleted) and on {@link #close()}; a new spool resumes there.
     */
    Optional<LogEntry> next(CompletableFuture<?> end) throws IOException, InterruptedException;

    /**
     * Whether {@link #next} has an entry at hand without reading the file: when it has not, the caller flushes
     * what it batched (the entries it was given are then all delivered) before asking for more. The position is
     * persisted only at such points or when waiting, so a persisted position never covers a batched entry.
     */
    boolean buffered();

    /**
     * Deletes the spool's files and its position. Only for a caller that has read everything and knows
     * no monitor writes the spool (the container is not running and will not start before this returns).
     */
    void discard() throws IOException;

    /** Persists the position after the last acknowledged entry and releases the files. */
    @Override
    void close();
}

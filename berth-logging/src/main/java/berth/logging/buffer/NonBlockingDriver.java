package berth.logging.buffer;

import berth.logs.LogOptions;
import berth.logs.LogSource;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogMessage;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Docker's {@code mode=non-blocking}: {@link #log} puts the message in a queue bounded by the bytes of
 * its lines and returns at once; a worker thread hands queued messages to the wrapped driver in order.
 *
 * <p>As moby's ring logger does, a message that would take the queue past its limit is the one
 * dropped (what is queued is kept, so the destination sees an unbroken prefix and then a gap), unless
 * the queue is empty: a single line larger than the limit still goes through. Dropped messages, and
 * messages the wrapped driver failed to take, are counted in {@link #dropped} (Docker only logs them).
 *
 * <p>{@link #close} stops taking messages, lets the worker finish the message it holds, hands the
 * rest to the wrapped driver on the caller's thread (stopping at the first failure, counting the
 * rest), then closes the wrapped driver.
 */
public final class NonBlockingDriver implements LogDriver {
    private final LogDriver target;
    private final ByteBoundedQueue<LogMessage> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;

    public NonBlockingDriver(LogDriver target, long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("max buffer size must not be negative: " + maxBytes);
        }
        this.target = target;
        this.queue = new ByteBoundedQueue<>(maxBytes, m -> m.line().length);
        this.worker = Thread.ofVirtual().name("log-ring").start(this::drain);
    }

    @Override
    public void log(LogMessage message) throws IOException {
        switch (queue.offer(message)) {
            case QUEUED -> { }
            case FULL -> dropped.incrementAndGet();
            case CLOSED -> throw new IOException("log driver is closed");
        }
    }

    @Override
    public Optional<LogSource> read(LogOptions options, CompletableFuture<?> end) throws IOException {
        return target.read(options, end);
    }

    /** Messages dropped by the buffer or not taken by the wrapped driver, plus what the wrapped driver counts. */
    @Override
    public long dropped() {
        return dropped.get() + target.dropped();
    }

    /** Bytes of lines waiting in the buffer now. */
    public long queuedBytes() {
        return queue.bytes();
    }

    @Override
    public void close() {
        if (!queue.close()) {
            return;
        }
        ByteBoundedQueue.join(worker, null);
        // an interrupt would break the wrapped driver's channels: kept aside until it is closed
        boolean interrupted = Thread.interrupted();
        boolean failed = false;
        for (LogMessage message : queue.drain()) {
            if (failed) {
                dropped.incrementAndGet();
                continue;
            }
            try {
                target.log(message);
            } catch (IOException | RuntimeException e) {
                // the driver is assumed gone: the rest would fail the same way, possibly slowly
                dropped.incrementAndGet();
                failed = true;
            }
        }
        target.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The worker: hands queued messages to the wrapped driver until closed (what is left is drained by close). */
    private void drain() {
        for (LogMessage message; (message = queue.takeWhileOpen()) != null; ) {
            try {
                target.log(message);
            } catch (IOException | RuntimeException e) {
                // the wrapped driver has already retried as its options say; the line is lost
                dropped.incrementAndGet();
            }
            if (queue.bytes() == 0) {
                try {
                    target.flush(); // nothing more at hand: what the wrapped driver batched goes out
                } catch (IOException | RuntimeException e) {
                    System.getLogger(NonBlockingDriver.class.getName()).log(System.Logger.Level.DEBUG,
                            "flushing the log driver: " + e.getMessage());
                }
            }
        }
    }
}

package berth.logging.buffer;

import berth.logs.LogOptions;
import berth.logs.LogSource;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogMessage;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

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
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<LogMessage> queue = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;
    private long queuedBytes;
    private boolean closed;

    public NonBlockingDriver(LogDriver target, long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("max buffer size must not be negative: " + maxBytes);
        }
        this.target = target;
        this.maxBytes = maxBytes;
        this.worker = Thread.ofVirtual().name("log-ring").start(this::drain);
    }

    @Override
    public void log(LogMessage message) throws IOException {
        long size = message.line().length;
        lock.lock();
        try {
            if (closed) {
                throw new IOException("log driver is closed");
            }
            if (queuedBytes + size > maxBytes && !queue.isEmpty()) {
                dropped.incrementAndGet();
                return;
            }
            queue.addLast(message);
            queuedBytes += size;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<LogSource> read(LogOptions options) throws IOException {
        return target.read(options);
    }

    /** Messages dropped by the buffer or not taken by the wrapped driver, plus what the wrapped driver counts. */
    @Override
    public long dropped() {
        return dropped.get() + target.dropped();
    }

    /** Bytes of lines waiting in the buffer now. */
    public long queuedBytes() {
        lock.lock();
        try {
            return queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        boolean failed = false;
        for (LogMessage message : takeAll()) {
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

    private void drain() {
        while (true) {
            LogMessage message = take();
            if (message == null) {
                return;
            }
            try {
                target.log(message);
            } catch (IOException | RuntimeException e) {
                // the wrapped driver has already retried as its options say; the line is lost
                dropped.incrementAndGet();
            }
        }
    }

    /** The next message, or null once closed (what is left is drained by close). */
    private LogMessage take() {
        lock.lock();
        try {
            while (queue.isEmpty() && !closed) {
                changed.awaitUninterruptibly();
            }
            if (closed) {
                return null;
            }
            LogMessage message = queue.removeFirst();
            queuedBytes -= message.line().length;
            return message;
        } finally {
            lock.unlock();
        }
    }

    private ArrayDeque<LogMessage> takeAll() {
        lock.lock();
        try {
            ArrayDeque<LogMessage> rest = new ArrayDeque<>(queue);
            queue.clear();
            queuedBytes = 0;
            return rest;
        } finally {
            lock.unlock();
        }
    }
}

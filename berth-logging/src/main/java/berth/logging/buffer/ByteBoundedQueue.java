package berth.logging.buffer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;

/**
 * A queue bounded by the bytes of what it holds, between a producer that must not block and one worker
 * thread: the non-blocking mode's ring ({@link NonBlockingDriver}) and fluentd's async sender. As moby's
 * ring does, an item that would take the queue past its limit is refused (what is queued is kept), unless
 * the queue is empty: a single item larger than the limit still goes in.
 */
public final class ByteBoundedQueue<T> {
    /** What became of an offered item. */
    public enum Offer { QUEUED, FULL, CLOSED }

    private final long maxBytes;
    private final ToLongFunction<T> sizeOf;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private long bytes;
    private boolean closed;

    public ByteBoundedQueue(long maxBytes, ToLongFunction<T> sizeOf) {
        this.maxBytes = maxBytes;
        this.sizeOf = sizeOf;
    }

    public Offer offer(T item) {
        long size = sizeOf.applyAsLong(item);
        lock.lock();
        try {
            if (closed) {
                return Offer.CLOSED;
            }
            if (bytes + size > maxBytes && !items.isEmpty()) {
                return Offer.FULL;
            }
            items.addLast(item);
            bytes += size;
            changed.signalAll();
            return Offer.QUEUED;
        } finally {
            lock.unlock();
        }
    }

    /** The next item, waiting for one; null once closed and empty (items queued before the close come first). */
    public T take() {
        return take(true);
    }

    /** The next item, waiting for one; null once closed, even with items left (for {@link #drain}). */
    public T takeWhileOpen() {
        return take(false);
    }

    private T take(boolean afterClose) {
        lock.lock();
        try {
            while (items.isEmpty() && !closed) {
                changed.awaitUninterruptibly();
            }
            if (closed && !afterClose) {
                return null;
            }
            T item = items.pollFirst();
            if (item != null) {
                bytes -= sizeOf.applyAsLong(item);
            }
            return item;
        } finally {
            lock.unlock();
        }
    }

    /** Takes no more items and wakes the worker; false when it was closed already. */
    public boolean close() {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns everything queued, oldest first. */
    public List<T> drain() {
        lock.lock();
        try {
            List<T> rest = List.copyOf(items);
            items.clear();
            bytes = 0;
            return rest;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of the items waiting now. */
    public long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for {@code worker} to end, for at most {@code limit} when given, not giving up when interrupted (the
     * interrupt is kept for the caller); true when it ended.
     */
    public static boolean join(Thread worker, Duration limit) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (limit == null) {
                        worker.join();
                        return true;
                    }
                    return worker.join(limit);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

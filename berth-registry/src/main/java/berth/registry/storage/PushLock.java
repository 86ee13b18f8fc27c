package berth.registry.storage;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Keeps a push and a garbage-collection sweep apart. Everything that makes a blob reachable (finishing
 * an upload, mounting, storing a manifest) runs under the shared side, many at once; the collector's
 * mark and sweep run under the exclusive side. So a manifest is either fully stored before the mark
 * begins (and its blobs are marked) or checks its references after the sweep ended (and fails cleanly
 * with MANIFEST_BLOB_UNKNOWN when one was swept) — never stored pointing at a deleted blob.
 */
final class PushLock {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    <T> T push(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether some push is waiting for a sweep to end (for tests that need a push to be blocked). */
    boolean hasWaitingPushes() {
        return lock.hasQueuedThreads();
    }

    <T> T sweep(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}

package berth.container.local;

import berth.container.Container;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory owner of one container's state. Every change happens under {@link #lock}; readers
 * take the immutable {@link #container} snapshot without locking.
 *
 * <p>Futures: {@code nextExit} completes with the exit code at the end of the current run (or the next
 * one, when not running) and is replaced by a fresh one after each exit; {@code started} completes
 * when the current/next run's process is running; {@code removed} completes once the container is gone.
 * Waiters get {@code copy()}s so a client that goes away cannot cancel a shared future.
 */
final class ContainerEntry {
    final ReentrantLock lock = new ReentrantLock();
    final CompletableFuture<Integer> removed = new CompletableFuture<>();
    volatile Container container;
    volatile CompletableFuture<Integer> nextExit = new CompletableFuture<>();
    volatile CompletableFuture<Void> started = new CompletableFuture<>();
    /** Completes when a run ends and no restart policy starts another (or on removal); then replaced. */
    volatile CompletableFuture<Integer> stoppedForGood = new CompletableFuture<>();
    /** Completes when the previous run's unmount and runtime clean-up are done. */
    volatile CompletableFuture<Void> cleanup = CompletableFuture.completedFuture(null);
    volatile boolean mounted;
    volatile boolean removing;
    /** Restart policy state (in memory, as Docker's restart manager): restarts since the user's start, last back-off. */
    volatile int policyRestarts;
    volatile java.time.Duration lastRestartDelay;
    volatile Thread pendingRestart;
    volatile HealthMonitor healthMonitor;

    ContainerEntry(Container container) {
        this.container = container;
    }

    String id() {
        return container.id();
    }
}

package berth.container.local;

import berth.container.Container;
import berth.errors.BerthException;
import berth.logs.LogEntry;
import berth.logs.LogOptions;
import berth.logs.LogSource;
import berth.logs.LogSpool;
import berth.logs.driver.LogConfig;
import berth.logs.driver.LogContext;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogDrivers;
import berth.logs.driver.LogMessage;
import berth.runtime.ContainerRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ships each container's output from the runtime's spool into its log driver, and serves {@code docker logs}.
 *
 * <p>conmon writes a container's output to the spool whatever happens to the daemon or to a log server, so a
 * slow or unreachable server never blocks the container. One shipper (a virtual thread) per container reads
 * the spool in order and hands each piece to the driver; the spool's position moves only past what the driver
 * took, so in blocking mode nothing is lost, also across daemon restarts (a driver that fails is retried with a
 * back-off). {@code mode=non-blocking} puts a ring in front of the driver that drops, and counts, when full.
 *
 * <p>A container's driver is opened for its first run and stays open through restart-policy restarts; it is
 * closed once the container stopped for good and its spool is drained (then the spool is deleted), so
 * {@code docker logs -f} follows across restarts as berth's attach does. While it is closed, {@code docker logs}
 * reads the files the driver kept.
 */
final class ContainerLogs implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ContainerLogs.class.getName());
    /** How long an exit waits for its output to reach the driver (moby waits for its copier the same way). */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(10);
    private static final Duration RETRY_MIN = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(5);

    private final ContainerRuntime runtime;
    private final LogDrivers drivers;
    private final ContainerStore store;
    private final Map<String, Pipeline> pipelines = new ConcurrentHashMap<>();
    private volatile boolean closing;

    ContainerLogs(ContainerRuntime runtime, LogDrivers drivers, ContainerStore store) {
        this.runtime = runtime;
        this.drivers = drivers;
        this.store = store;
    }

    /** The log config a new container stores (daemon defaults filled in); INVALID_ARGUMENT with Docker's words. */
    LogConfig resolve(LogConfig requested) {
        return drivers.resolve(requested);
    }

    LogConfig defaults() {
        return drivers.defaults();
    }

    /** A stored config: one from before berth had log drivers has an empty type, which means json-file. */
    static LogConfig configOf(Container c) {
        return c.hostConfig().logConfig().orJsonFile();
    }

    /**
     * Before a run starts: the driver is opened (when it is not open yet) and the spool is kept from being
     * deleted until {@link #shipRun} or {@link #startFailed}. INTERNAL with Docker's "failed to initialize
     * logging driver" when the driver cannot start; the start then fails.
     */
    void prepare(Container c) {
        Pipeline p = pipelines.computeIfAbsent(c.id(), id -> new Pipeline(c));
        synchronized (p) {
            p.starting = true;
            if (p.driver == null) {
                awaitClosed(p);
                try {
                    p.driver = drivers.open(configOf(c), context(c));
                } catch (IOException | RuntimeException e) {
                    p.starting = false;
                    pipelines.remove(c.id(), p);
                    throw BerthException.internal("failed to initialize logging driver: " + e.getMessage(), e);
                }
            }
        }
    }

    /** The run could not start: the driver goes again unless a shipper still uses it. */
    void startFailed(String id) {
        Pipeline p = pipelines.get(id);
        if (p == null) {
            return;
        }
        synchronized (p) {
            p.starting = false;
            p.notifyAll();
            if (p.shipper == null) {
                closeDriver(p);
            }
        }
    }

    /** A run has started (or was found running after a daemon restart): its output is shipped until {@link #runEnded}. */
    void shipRun(Container c) {
        Pipeline p = pipelines.computeIfAbsent(c.id(), id -> new Pipeline(c));
        synchronized (p) {
            p.starting = false;
            p.runEnd = new CompletableFuture<>();
            p.drained = new CompletableFuture<>();
            p.notifyAll();
            ensureShipper(p, c);
        }
    }

    /**
     * A container that is not running but may have unshipped output (the daemon was away when it ended): its
     * spool is drained into the driver and then deleted, in the background.
     */
    void drainStopped(Container c) {
        Path spool = store.files(c.id()).spool();
        if (!hasSpool(spool)) {
            return;
        }
        Pipeline p = pipelines.computeIfAbsent(c.id(), id -> new Pipeline(c));
        synchronized (p) {
            if (p.shipper != null) {
                return;
            }
            p.runEnd = CompletableFuture.completedFuture(null);
            p.drained = new CompletableFuture<>();
            ensureShipper(p, c);
        }
    }

    private static boolean hasSpool(Path spool) {
        try (var names = java.nio.file.Files.list(spool.getParent())) {
            String base = spool.getFileName().toString();
            // the spool with output in it, or rotated files (spool.N) not yet shipped
            return names.anyMatch(f -> f.equals(spool) ? f.toFile().length() > 0
                    : f.getFileName().toString().matches(java.util.regex.Pattern.quote(base) + "\\.\\d+"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The current run has ended (its exit is known, so the monitor has written all its output): waits, at most
     * {@link #DRAIN_WAIT}, until the shipper has handed everything to the driver, so that {@code docker logs}
     * right after {@code docker wait} sees the last line, as with Docker.
     */
    void runEnded(String id) {
        Pipeline p = pipelines.get(id);
        if (p == null) {
            return;
        }
        CompletableFuture<Void> drained;
        synchronized (p) {
            p.runEnd.complete(null);
            drained = p.drained;
        }
        try {
            drained.get(DRAIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "the log of container " + id + " is still being shipped "
                    + "(the driver is slow); the exit is reported now");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // the shipper failed; it logged why
        }
    }

    /** The container stopped for good (no restart policy brings it back): an idle driver is closed now. */
    void stoppedForGood(String id) {
        Pipeline p = pipelines.get(id);
        if (p == null) {
            return;
        }
        synchronized (p) {
            if (p.shipper == null && !p.starting) {
                closeDriver(p);
            }
        }
    }

    /**
     * {@code docker logs}: from the open driver (a follower goes on until {@code end}), or from the files the
     * driver kept when none is open. NOT_IMPLEMENTED "configured logging driver does not support reading" for
     * a driver that keeps nothing.
     */
    LogSource read(Container c, LogOptions options, CompletableFuture<?> end) {
        Pipeline p = pipelines.get(c.id());
        try {
            LogDriver open = p == null ? null : p.driver;
            if (open != null) {
                return open.read(options, end).orElseThrow(ContainerLogs::cannotRead);
            }
            return drivers.readStored(configOf(c), context(c), options);
        } catch (IOException e) {
            throw BerthException.internal("cannot read the log of " + c.id() + ": " + e.getMessage(), e);
        }
    }

    private static BerthException cannotRead() {
        return BerthException.notImplemented("configured logging driver does not support reading");
    }

    /** Lines the container's driver gave up on (a full non-blocking buffer) while it has been open. */
    long dropped(String id) {
        Pipeline p = pipelines.get(id);
        if (p == null) {
            return 0;
        }
        LogDriver d = p.driver;
        return p.dropped.get() + (d == null ? 0 : d.dropped());
    }

    /** The container is being removed (it is not running): shipping stops, the driver is closed, the spool goes. */
    void removed(String id) {
        Pipeline p = pipelines.remove(id);
        if (p == null) {
            return;
        }
        Thread shipper;
        synchronized (p) {
            p.removed = true;
            shipper = p.shipper;
            if (p.spool != null) {
                p.spool.close();
            }
        }
        if (shipper != null) {
            shipper.interrupt();
            try {
                shipper.join(DRAIN_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (p) {
            closeDriver(p);
        }
    }

    private void ensureShipper(Pipeline p, Container c) {
        if (p.shipper != null) {
            return;
        }
        if (p.driver == null) {
            awaitClosed(p);
            try {
                p.driver = drivers.open(configOf(c), context(c));
            } catch (IOException | RuntimeException e) {
                // the spool keeps the output; the next start (or daemon start) ships it
                LOG.log(System.Logger.Level.WARNING, "cannot open the log driver of " + c.id() + ": " + e.getMessage());
                p.drained.complete(null);
                return;
            }
        }
        p.shipper = Thread.ofVirtual().name("log-shipper-" + c.shortId()).start(() -> ship(p, c));
    }

    /** The shipper: spool → driver, in order, until the run has ended and everything is shipped. */
    private void ship(Pipeline p, Container c) {
        LogSpool spool;
        try {
            spool = runtime.openSpool(c.id(), store.files(c.id()).spool());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot open the log spool of " + c.id() + ": " + e.getMessage(), e);
            synchronized (p) {
                p.shipper = null;
                p.drained.complete(null);
            }
            return;
        }
        synchronized (p) {
            p.spool = spool;
        }
        PartialLines lines = new PartialLines();
        try {
            while (true) {
                CompletableFuture<?> end;
                LogDriver driver;
                synchronized (p) {
                    end = p.runEnd;
                    driver = p.driver;
                }
                Optional<LogEntry> next = spool.next(end);
                if (next.isPresent()) {
                    for (LogMessage m : lines.add(toMessage(next.get()))) {
                        deliver(p, driver, m);
                    }
                    if (!spool.buffered()) {
                        // nothing more at hand: held pieces and what the driver batched go out now
                        for (LogMessage m : lines.release()) {
                            deliver(p, driver, m);
                        }
                        flush(p, driver);
                    }
                    continue;
                }
                if (closing || p.removed) {
                    return;
                }
                synchronized (p) {
                    if (end != p.runEnd) {
                        continue; // a new run began meanwhile: go on with it
                    }
                    p.drained.complete(null);
                    if (p.starting) {
                        // a start is under way: its output comes to the same spool, after shipRun or startFailed
                        while (p.starting && end == p.runEnd) {
                            p.wait();
                        }
                        continue;
                    }
                    p.shipper = null;
                    p.spool = null;
                    spool.discard();
                    if (!keepOpen.test(c.id())) {
                        closeDriver(p);
                    }
                    return;
                }
            }
        } catch (InterruptedException e) {
            // removal or daemon shutdown: the spool keeps the rest
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "log shipping of " + c.id() + " stopped: " + e.getMessage(), e);
        } finally {
            spool.close();
            synchronized (p) {
                if (p.shipper == Thread.currentThread()) {
                    p.shipper = null;
                }
                p.spool = null;
                p.drained.complete(null);
            }
        }
    }

    /**
     * Whether a container has not stopped for good yet (running, or waiting for its restart policy): a shipper that
     * is done then leaves the driver open, and {@link #stoppedForGood} closes it later.
     */
    private volatile java.util.function.Predicate<String> keepOpen = id -> false;

    void keepOpenWhile(java.util.function.Predicate<String> p) {
        this.keepOpen = p;
    }

    /** Hands one message to the driver, retrying with a back-off while it fails (blocking delivery drops nothing). */
    private void deliver(Pipeline p, LogDriver driver, LogMessage m) throws InterruptedException {
        Duration wait = RETRY_MIN;
        while (true) {
            try {
                driver.log(m);
                if (p.failing) {
                    p.failing = false;
                    LOG.log(System.Logger.Level.INFO, "log driver of " + p.id + " delivers again");
                }
                return;
            } catch (IOException | RuntimeException e) {
                if (closing || p.removed) {
                    throw new InterruptedException("shipping stopped");
                }
                if (!p.failing) {
                    p.failing = true;
                    LOG.log(System.Logger.Level.WARNING, "log driver of " + p.id + " failed (retrying; the output "
                            + "waits in the spool): " + e.getMessage());
                }
                Thread.sleep(wait);
                wait = wait.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : wait.multipliedBy(2);
            }
        }
    }

    /** A flush that fails is retried with the next line's; the lines stay in the driver's batch meanwhile. */
    private static void flush(Pipeline p, LogDriver driver) {
        try {
            driver.flush();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "log driver of " + p.id + " cannot write: " + e.getMessage());
        }
    }

    /** A spooled piece as a driver takes it: the line without its newline, partial when it had none. */
    static LogMessage toMessage(LogEntry e) {
        byte[] d = e.data();
        boolean complete = d.length > 0 && d[d.length - 1] == '\n';
        byte[] line = complete ? Arrays.copyOf(d, d.length - 1) : d;
        return new LogMessage(e.stream(), line, e.time(), !complete);
    }

    /**
     * Detaches the driver and closes it on its own thread: a close flushes what a driver buffered, which waits
     * for a log server that may be down, and nothing here must wait for that. Called under the pipeline's monitor;
     * the next {@link #prepare} waits for the close to finish before it opens the driver's files again.
     */
    private void closeDriver(Pipeline p) {
        LogDriver d = p.driver;
        if (d == null) {
            return;
        }
        p.driver = null;
        long droppedBefore = d.dropped();
        p.dropped.addAndGet(droppedBefore);
        CompletableFuture<Void> closed = new CompletableFuture<>();
        p.closing = closed;
        Thread.ofVirtual().name("log-close-" + p.id.substring(0, 12)).start(() -> {
            try {
                d.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing the log driver of " + p.id + ": " + e.getMessage());
            } finally {
                long dropped = d.dropped();
                p.dropped.addAndGet(dropped - droppedBefore);
                if (dropped > 0) {
                    LOG.log(System.Logger.Level.WARNING, "log driver of " + p.id + " dropped " + dropped
                            + " lines (mode=non-blocking, buffer full)");
                }
                closed.complete(null);
            }
        });
    }

    /** Waits (bounded) for the previous driver's close, so two drivers never write the same files at once. */
    private static void awaitClosed(Pipeline p) {
        try {
            p.closing.get(DRAIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "the previous log driver of " + p.id + " is still closing");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private LogContext context(Container c) {
        var k = c.config();
        String image = c.imageName();
        return new LogContext(configOf(c).config(), c.id(), c.name(), c.imageId().toString(), image, c.created(),
                k.labels(), k.env(), store.files(c.id()).jsonLog(c.id()), "berth", k.hostname());
    }

    /** Daemon shutdown: shippers stop where they are (the spools keep the rest), drivers flush and close. */
    @Override
    public void close() {
        closing = true;
        for (Pipeline p : pipelines.values()) {
            Thread t;
            synchronized (p) {
                t = p.shipper;
                if (p.spool != null) {
                    p.spool.close();
                }
            }
            if (t != null) {
                t.interrupt();
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (p) {
                closeDriver(p);
            }
        }
        long deadline = System.nanoTime() + DRAIN_WAIT.toNanos();
        for (Pipeline p : pipelines.values()) {
            try {
                p.closing.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                LOG.log(System.Logger.Level.WARNING, "the log driver of " + p.id + " did not close in time");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        pipelines.clear();
    }

    /** One container's driver and shipper; fields change under the object's monitor. */
    private static final class Pipeline {
        final String id;
        volatile LogDriver driver;
        /** The last close of a driver (closes run on their own thread). */
        CompletableFuture<Void> closing = CompletableFuture.completedFuture(null);
        final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();
        Thread shipper;
        LogSpool spool;
        CompletableFuture<?> runEnd = CompletableFuture.completedFuture(null);
        CompletableFuture<Void> drained = CompletableFuture.completedFuture(null);
        boolean starting;
        volatile boolean removed;
        volatile boolean failing;

        Pipeline(Container c) {
            this.id = c.id();
        }
    }
}

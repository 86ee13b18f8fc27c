package berth.logging.fluentd;

import berth.logs.StreamType;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends each line to Fluentd as a Forward-protocol event: tag, time, and the record
 * {@code {container_id, container_name, source, log, partial_*…, extra attributes}} (Docker's shape,
 * {@code container_name} with its leading slash).
 *
 * <p>Synchronous (the default): connected when made (a refused connection fails the container's
 * start, as in Docker); {@link #log} blocks while the server is away, reconnecting with back-off, so
 * with Docker's default retry count nothing is lost. A message given up on after {@code
 * fluentd-max-retries} makes {@code log} throw; the caller counts it.
 *
 * <p>Asynchronous ({@code fluentd-async}): {@link #log} never blocks. Encoded messages wait in a queue
 * of at most {@code fluentd-buffer-limit} bytes (a single larger message is taken when the queue is
 * empty) for a sender thread; a message that does not fit, or that the sender gives up on, is
 * counted in {@link #dropped}. {@link #close} lets the sender finish what it can without waiting to
 * reconnect (at most {@link #DRAIN_TIMEOUT} for a server that stopped reading) and counts the rest.
 */
public final class FluentdDriver implements LogDriver {
    /** How long close waits for an async sender stuck writing to a server that no longer reads. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Pending(byte[] data, String chunk) {}

    private final FluentdConfig config;
    private final String tag;
    private final Map<String, String> fixed;
    private final ForwardEncoder encoder;
    private final PartialMarker partials = new PartialMarker();
    private final ForwardSender sender;
    private final AtomicLong dropped = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean closed;
    private final Thread worker;

    private FluentdDriver(FluentdConfig config, String tag, Map<String, String> fixed) {
        this.config = config;
        this.tag = tag;
        this.fixed = fixed;
        this.encoder = new ForwardEncoder(config.subSecondPrecision());
        this.sender = new ForwardSender(config.address(), config.retryWait(), config.maxRetries());
        this.worker = config.async() ? Thread.ofVirtual().name("fluentd-sender").unstarted(this::sendQueued) : null;
    }

    /**
     * A driver for one container. Synchronous mode connects now and fails with an IOException when the
     * server cannot be reached; async mode connects on its sender thread.
     *
     * @param containerName the name without the leading slash
     * @param extra         the {@code labels}/{@code env} attributes to add to every record
     */
    public static FluentdDriver open(FluentdConfig config, String tag, String containerId, String containerName,
                                     Map<String, String> extra) throws IOException {
        Map<String, String> fixed = new LinkedHashMap<>();
        fixed.put("container_id", containerId);
        fixed.put("container_name", containerName.startsWith("/") ? containerName : "/" + containerName);
        fixed.putAll(extra);
        FluentdDriver driver = new FluentdDriver(config, tag, fixed);
        if (config.async()) {
            driver.worker.start();
        } else {
            driver.sender.connect();
        }
        return driver;
    }

    @Override
    public void log(LogMessage message) throws IOException {
        Map<String, String> record = new LinkedHashMap<>(fixed);
        // extra attributes override the fixed fields, "source" included, as in Docker
        record.putIfAbsent("source", message.stream() == StreamType.STDERR ? "stderr" : "stdout");
        record.putAll(partials.fields(message));
        String chunk = config.requestAck() ? chunkId(message.timestamp().getEpochSecond()) : null;
        byte[] data = encoder.encode(tag, message.timestamp(), record, message.line(), Optional.ofNullable(chunk));
        if (config.async()) {
            enqueue(new Pending(data, chunk));
            return;
        }
        lock.lock();
        try {
            if (closed) {
                throw new IOException("fluentd logger is closed");
            }
        } finally {
            lock.unlock();
        }
        sender.send(data, chunk);
    }

    /** Async mode: messages dropped (buffer full, or given up on); sync mode: none (failures are thrown). */
    @Override
    public long dropped() {
        return dropped.get();
    }

    /** Connection attempts that failed so far (for tests and diagnostics). */
    long failedConnects() {
        return sender.failedConnects();
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
        sender.stopRetrying();
        if (worker != null && !join(worker, DRAIN_TIMEOUT)) {
            sender.close(); // fails the write it is stuck in
            join(worker, null);
        }
        sender.close();
    }

    private void enqueue(Pending pending) throws IOException {
        lock.lock();
        try {
            if (closed) {
                throw new IOException("fluentd logger is closed");
            }
            if (queuedBytes + pending.data().length > config.bufferLimit() && !queue.isEmpty()) {
                dropped.incrementAndGet();
                return;
            }
            queue.addLast(pending);
            queuedBytes += pending.data().length;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The async sender: sends in order until closed and empty; after close, the first failure ends it. */
    private void sendQueued() {
        while (true) {
            Pending pending = take();
            if (pending == null) {
                return;
            }
            try {
                sender.send(pending.data(), pending.chunk());
            } catch (IOException | RuntimeException e) {
                dropped.incrementAndGet();
                if (isClosed()) {
                    dropped.addAndGet(takeAll());
                    return;
                }
            }
        }
    }

    private Pending take() {
        lock.lock();
        try {
            while (queue.isEmpty() && !closed) {
                changed.awaitUninterruptibly();
            }
            Pending pending = queue.pollFirst();
            if (pending != null) {
                queuedBytes -= pending.data().length;
            }
            return pending;
        } finally {
            lock.unlock();
        }
    }

    private int takeAll() {
        lock.lock();
        try {
            int n = queue.size();
            queue.clear();
            queuedBytes = 0;
            return n;
        } finally {
            lock.unlock();
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Joins {@code t}, for at most {@code limit} when given; true when it ended. */
    private static boolean join(Thread t, Duration limit) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (limit == null) {
                        t.join();
                        return true;
                    }
                    return t.join(limit);
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

    /** fluent-logger-golang's chunk id: base64 of the event's second and a random number, little-endian. */
    private static String chunkId(long epochSecond) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(epochSecond).putLong(RANDOM.nextLong());
        return Base64.getEncoder().encodeToString(b.array());
    }
}

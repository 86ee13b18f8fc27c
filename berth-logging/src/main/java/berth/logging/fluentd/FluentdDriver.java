package berth.logging.fluentd;

import berth.logs.StreamType;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.time.Duration;
import berth.logging.buffer.ByteBoundedQueue;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

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
    /** Async mode's queue; sync mode only uses its closed state. */
    private final ByteBoundedQueue<Pending> queue;
    private final Thread worker;

    private FluentdDriver(FluentdConfig config, String tag, Map<String, String> fixed) {
        this.config = config;
        this.tag = tag;
        this.fixed = fixed;
        this.encoder = new ForwardEncoder(config.subSecondPrecision());
        this.sender = new ForwardSender(config.address(), config.retryWait(), config.maxRetries());
        this.queue = new ByteBoundedQueue<>(config.bufferLimit(), p -> p.data().length);
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
        if (queue.isClosed()) {
            throw new IOException("fluentd logger is closed");
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
        if (!queue.close()) {
            return;
        }
        sender.stopRetrying();
        if (worker != null && !ByteBoundedQueue.join(worker, DRAIN_TIMEOUT)) {
            sender.close(); // fails the write it is stuck in
            ByteBoundedQueue.join(worker, null);
        }
        sender.close();
    }

    private void enqueue(Pending pending) throws IOException {
        switch (queue.offer(pending)) {
            case QUEUED -> { }
            case FULL -> dropped.incrementAndGet();
            case CLOSED -> throw new IOException("fluentd logger is closed");
        }
    }

    /** The async sender: sends in order until closed and empty; after close, the first failure ends it. */
    private void sendQueued() {
        for (Pending pending; (pending = queue.take()) != null; ) {
            try {
                sender.send(pending.data(), pending.chunk());
            } catch (IOException | RuntimeException e) {
                dropped.incrementAndGet();
                if (queue.isClosed()) {
                    dropped.addAndGet(queue.drain().size());
                    return;
                }
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

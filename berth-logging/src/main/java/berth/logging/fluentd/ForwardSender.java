package berth.logging.fluentd;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends encoded messages on one thread, connecting and reconnecting as fluent-logger-golang does: up
 * to {@code maxRetries} connection attempts, waiting {@code retryWait} and then 1.5 times longer each
 * time (at most a minute), and up to {@code maxRetries} writes of a message. Once {@link #stopRetrying}
 * is called, the first failure is final (no more waits), so closing never hangs on a server that is gone.
 */
final class ForwardSender implements AutoCloseable {
    private final FluentdAddress address;
    private final Duration retryWait;
    private final long maxRetries;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopped = lock.newCondition();
    private final AtomicLong failedConnects = new AtomicLong();
    private volatile boolean stopping;
    private volatile ForwardConnection connection;

    ForwardSender(FluentdAddress address, Duration retryWait, long maxRetries) {
        this.address = address;
        this.retryWait = retryWait;
        this.maxRetries = maxRetries;
    }

    /** One attempt, no retries: synchronous mode connects this way when the driver is made. */
    void connect() throws IOException {
        connection = ForwardConnection.open(address);
    }

    /** Writes {@code data} (and waits for the ack of {@code chunk} when not null), retrying as configured. */
    void send(byte[] data, String chunk) throws IOException {
        IOException last = null;
        for (long attempt = 0; attempt < maxRetries; attempt++) {
            ForwardConnection conn = connected(chunk == null);
            try {
                conn.write(data);
                if (chunk != null) {
                    conn.awaitAck(chunk);
                }
                return;
            } catch (IOException e) {
                last = e;
                dropConnection(conn);
                if (stopping) {
                    throw e;
                }
            }
        }
        throw new IOException("fluentd: failed to write after " + maxRetries + " attempts", last);
    }

    /** Connection attempts that failed so far. */
    long failedConnects() {
        return failedConnects.get();
    }

    /** From now on a failure is final: no more reconnect waits (a wait in progress ends now). */
    void stopRetrying() {
        lock.lock();
        try {
            stopping = true;
            stopped.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops retrying and closes the connection, failing a write or ack read blocked on it. */
    @Override
    public void close() {
        stopRetrying();
        ForwardConnection conn = connection;
        if (conn != null) {
            conn.close();
        }
    }

    private ForwardConnection connected(boolean probe) throws IOException {
        ForwardConnection conn = connection;
        if (conn != null && probe && conn.peerClosed()) {
            // without acks a write to a connection the server closed would be lost without an error
            dropConnection(conn);
            conn = null;
        }
        if (conn == null) {
            conn = connectWithRetry();
            connection = conn;
        }
        return conn;
    }

    private ForwardConnection connectWithRetry() throws IOException {
        IOException last = null;
        for (long attempt = 0; attempt < maxRetries; attempt++) {
            try {
                return ForwardConnection.open(address);
            } catch (IOException e) {
                failedConnects.incrementAndGet();
                last = e;
                if (e.getMessage() != null && e.getMessage().startsWith("unknown network")) {
                    throw e;
                }
            }
            if (!backOff(attempt)) {
                throw new IOException("fluentd logger is closing", last);
            }
        }
        throw new IOException("could not connect to fluentd after " + maxRetries + " retries", last);
    }

    /** Waits before the next attempt; false when stopping (now or during the wait). */
    private boolean backOff(long attempt) {
        double factor = Math.pow(1.5, Math.min(attempt, 64));
        long waitNanos = (long) Math.min(retryWait.toNanos() * factor, FluentdConfig.MAX_RETRY_WAIT.toNanos());
        lock.lock();
        try {
            while (!stopping && waitNanos > 0) {
                try {
                    waitNanos = stopped.awaitNanos(waitNanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !stopping;
        } finally {
            lock.unlock();
        }
    }

    private void dropConnection(ForwardConnection conn) {
        conn.close();
        if (connection == conn) {
            connection = null;
        }
    }
}

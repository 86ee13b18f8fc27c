package berth.logging.gelf;

import berth.logs.driver.LogDriver;
import berth.logs.driver.LogMessage;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code gelf} driver: each non-empty line becomes one GELF message. A message the transport
 * gives up on (TCP after its reconnects) is counted as dropped and reported to the caller.
 */
public final class GelfDriver implements LogDriver {
    private final GelfEncoder encoder;
    private final GelfWriter writer;
    private final AtomicLong dropped = new AtomicLong();
    private boolean closed;

    GelfDriver(GelfEncoder encoder, GelfWriter writer) {
        this.encoder = encoder;
        this.writer = writer;
    }

    @Override
    public synchronized void log(LogMessage message) throws IOException {
        if (message.line().length == 0) {
            return; // Docker sends nothing for an empty line
        }
        try {
            if (closed) {
                throw new IOException("driver is closed");
            }
            writer.write(encoder.encode(message));
        } catch (IOException e) {
            dropped.incrementAndGet();
            throw new IOException("gelf: cannot send GELF message: " + e.getMessage(), e);
        }
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    @Override
    public synchronized void close() {
        closed = true;
        writer.close();
    }
}

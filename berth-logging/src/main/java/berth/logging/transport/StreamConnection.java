package berth.logging.transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A stream connection to a log receiver (syslog over {@code tcp://} and {@code unix://}, GELF over
 * TCP) that only ever sends. Messages are written in non-blocking mode, so a stalled receiver costs
 * at most the write timeout. Before each write the socket is checked for the receiver having closed
 * it (these receivers never send anything), so a restarted receiver gets the message on a new
 * connection instead of it vanishing into the old one.
 */
public final class StreamConnection implements AutoCloseable {
    private final SocketChannel channel;
    private final Selector selector;
    private final Duration writeTimeout;
    private final String description;

    private StreamConnection(SocketChannel channel, Selector selector, Duration writeTimeout, String description) {
        this.channel = channel;
        this.selector = selector;
        this.writeTimeout = writeTimeout;
        this.description = description;
    }

    public static StreamConnection open(SocketChannel channel, SocketAddress target, Duration connectTimeout,
                                 Duration writeTimeout, String description) throws IOException {
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            selector = Selector.open();
            if (!channel.connect(target)) {
                channel.register(selector, SelectionKey.OP_CONNECT);
                if (selector.select(connectTimeout.toMillis()) == 0) {
                    throw new IOException("dial " + description + ": i/o timeout");
                }
                channel.finishConnect();
            }
            channel.register(selector, SelectionKey.OP_WRITE);
            return new StreamConnection(channel, selector, writeTimeout, description);
        } catch (IOException | RuntimeException e) {
            if (selector != null) {
                selector.close();
            }
            channel.close();
            throw e;
        }
    }

    /** Writes all of {@code message}; IOException when the receiver closed the connection or stalled past the write timeout. */
    public void write(byte[] message) throws IOException {
        checkPeerOpen();
        ByteBuffer buffer = ByteBuffer.wrap(message);
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) > 0) {
                continue;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0 || selector.select(left) == 0 && System.nanoTime() >= deadline) {
                throw new IOException("write to " + description + ": timed out after " + writeTimeout.toMillis() + " ms");
            }
            selector.selectedKeys().clear();
        }
    }

    private void checkPeerOpen() throws IOException {
        ByteBuffer probe = ByteBuffer.allocate(256);
        int n;
        while ((n = channel.read(probe)) > 0) {
            probe.clear(); // nothing a receiver says is meaningful to a syslog sender
        }
        if (n < 0) {
            throw new IOException("connection to " + description + " closed by the receiver");
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            // the channel's close below is what matters
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}

package berth.logging.gelf;

import berth.logging.transport.StreamConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * GELF over TCP: uncompressed messages, each ended by a NUL byte. A failed write is retried on a
 * new connection up to {@code gelf-tcp-max-reconnect} times (default 3), waiting
 * {@code gelf-tcp-reconnect-delay} seconds (default 1) before each, as Docker's GELF library does.
 * A message that finds no connection (the last one was given up on) first connects without waiting.
 */
final class GelfTcpWriter implements GelfWriter {
    private final InetSocketAddress target;
    private final int maxReconnect;
    private final Duration reconnectDelay;
    private final Duration connectTimeout;
    private final Duration writeTimeout;
    private StreamConnection connection;

    GelfTcpWriter(InetSocketAddress target, int maxReconnect, Duration reconnectDelay, Duration connectTimeout,
                  Duration writeTimeout) throws IOException {
        this.target = target;
        this.maxReconnect = maxReconnect;
        this.reconnectDelay = reconnectDelay;
        this.connectTimeout = connectTimeout;
        this.writeTimeout = writeTimeout;
        this.connection = connect();
    }

    private StreamConnection connect() throws IOException {
        if (target.isUnresolved()) {
            throw new IOException("lookup " + target.getHostString() + ": no such host");
        }
        return StreamConnection.open(SocketChannel.open(), target, connectTimeout, writeTimeout,
                "tcp " + target.getHostString() + ":" + target.getPort());
    }

    @Override
    public void write(byte[] message) throws IOException {
        byte[] framed = new byte[message.length + 1];
        System.arraycopy(message, 0, framed, 0, message.length);
        IOException failure = null;
        for (int attempt = 0; attempt <= maxReconnect; attempt++) {
            if (attempt > 0) {
                pause();
            }
            if (connection == null) {
                try {
                    connection = connect();
                } catch (IOException e) {
                    failure = e;
                    continue;
                }
            }
            try {
                connection.write(framed);
                return;
            } catch (IOException e) {
                failure = e;
                connection.close();
                connection = null;
            }
        }
        throw new IOException("Maximum reconnection attempts was reached; giving up: " + failure.getMessage(), failure);
    }

    private void pause() throws IOException {
        if (reconnectDelay.isZero()) {
            return;
        }
        try {
            Thread.sleep(reconnectDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to reconnect", e);
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}

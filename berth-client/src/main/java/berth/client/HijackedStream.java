package berth.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A connection the daemon switched to raw bytes (HTTP 101 for attach or exec start). Output from
 * the container arrives on {@link #input()} (multiplexed frames unless the container has a TTY);
 * stdin goes to {@link #output()}. {@link #closeWrite()} half-closes the socket so the daemon sees
 * stdin end while output keeps flowing.
 */
public final class HijackedStream implements Closeable {
    private final HttpConnection connection;

    HijackedStream(HttpConnection connection) {
        this.connection = connection;
    }

    public InputStream input() {
        return connection.rawInput();
    }

    public OutputStream output() {
        return connection.rawOutput();
    }

    /** Flushes what was written and shuts down the write side (SHUT_WR): the daemon's stdin EOF. */
    public void closeWrite() throws IOException {
        connection.rawOutput().flush();
        connection.channel().shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}

package berth.logging.fluentd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;

/**
 * One connection to a Fluentd server. Writes are blocking; {@link #close} from another thread makes a
 * blocked write or ack read fail at once.
 */
final class ForwardConnection implements AutoCloseable {
    /** fluent-logger-golang's dial timeout. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final SocketChannel channel;

    private ForwardConnection(SocketChannel channel) {
        this.channel = channel;
    }

    static ForwardConnection open(FluentdAddress address) throws IOException {
        return switch (address.protocol()) {
            case "tcp" -> new ForwardConnection(connectTcp(address));
            case "unix" -> {
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    ch.connect(UnixDomainSocketAddress.of(Path.of(address.path())));
                } catch (IOException e) {
                    ch.close();
                    throw new IOException("dial unix " + address.path() + ": " + e.getMessage(), e);
                }
                yield new ForwardConnection(ch);
            }
            default -> throw new IOException("unknown network " + address.protocol());
        };
    }

    /** A non-blocking connect bounded by {@link #CONNECT_TIMEOUT}, then back to blocking mode. */
    private static SocketChannel connectTcp(FluentdAddress address) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            InetSocketAddress target = new InetSocketAddress(address.host(), address.port());
            if (target.isUnresolved()) {
                throw new IOException("no such host " + address.host());
            }
            ch.configureBlocking(false);
            if (!ch.connect(target)) {
                // closing the selector deregisters the channel, which may then block again
                try (Selector selector = Selector.open()) {
                    ch.register(selector, SelectionKey.OP_CONNECT);
                    if (selector.select(CONNECT_TIMEOUT.toMillis()) == 0) {
                        throw new IOException("i/o timeout");
                    }
                    ch.finishConnect();
                }
            }
            if (ch.getLocalAddress().equals(ch.getRemoteAddress())) {
                // TCP simultaneous open: with nothing listening on an ephemeral port of this host, the
                // kernel may pick that very port for us and connect the socket to itself (Go's dialer
                // checks for this too); what we wrote would come back to us and be lost
                throw new IOException("connect: connection refused (connected to itself)");
            }
            ch.configureBlocking(true);
            ch.socket().setTcpNoDelay(true);
            return ch;
        } catch (IOException e) {
            ch.close();
            throw new IOException("dial tcp " + address.host() + ":" + address.port() + ": " + e.getMessage(), e);
        }
    }

    /**
     * True when the server has closed its end. The protocol has the server send nothing unless asked
     * for acks, so a read that sees end-of-stream means a later write would vanish into a dead socket.
     */
    boolean peerClosed() {
        try {
            channel.configureBlocking(false);
            try {
                ByteBuffer probe = ByteBuffer.allocate(64);
                int n;
                while ((n = channel.read(probe)) > 0) {
                    probe.clear(); // unexpected bytes from the server: nothing to do with them
                }
                return n < 0;
            } finally {
                channel.configureBlocking(true);
            }
        } catch (IOException e) {
            return true;
        }
    }

    void write(byte[] data) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Waits for the server's {@code {"ack": chunk}}; IOException when it closes or answers another id. */
    void awaitAck(String chunk) throws IOException {
        // the server answers only what is asked, so an unpacker per answer loses nothing it buffered
        MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(channel);
        Value answer;
        try {
            answer = unpacker.unpackValue();
        } catch (MessagePackException e) {
            throw new IOException("reading the ack for chunk " + chunk + ": " + e.getMessage(), e);
        }
        Value ack = answer.isMapValue() ? answer.asMapValue().map().get(ValueFactory.newString("ack")) : null;
        if (ack == null || !ack.isStringValue() || !ack.asStringValue().asString().equals(chunk)) {
            throw new IOException("message ack (" + ack + ") doesn't match expected one (" + chunk + ")");
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing is best effort; the descriptor is released either way
        }
    }
}

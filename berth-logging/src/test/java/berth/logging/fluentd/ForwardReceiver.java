package berth.logging.fluentd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * A Fluentd Forward-protocol server for tests, on 127.0.0.1: decodes Message-mode events with
 * msgpack-core, answers {@code {"ack": chunk}} when asked, and can be stopped and started again on
 * the same port to play a server that goes away.
 */
public final class ForwardReceiver implements AutoCloseable {
    /** One decoded event; {@code eventTime} tells whether time came as EventTime (ext 0) or an integer. */
    record Event(String tag, Instant time, boolean eventTime, Map<String, String> record, Map<String, String> option) {}

    final List<Event> events = new CopyOnWriteArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean acking = true;
    private volatile ServerSocket server;
    private volatile Thread acceptor;
    private volatile int port;

    private volatile ServerSocketChannel unixServer;

    /** A receiver on a unix socket at {@code path} (no restart). */
    static ForwardReceiver startUnix(Path path) throws IOException {
        ForwardReceiver r = new ForwardReceiver();
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        r.unixServer = server;
        r.acceptor = Thread.ofVirtual().name("forward-accept-unix").start(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel c = server.accept();
                    Thread.ofVirtual().name("forward-conn-unix").start(() -> {
                        try (c; InputStream in = Channels.newInputStream(c); OutputStream out = Channels.newOutputStream(c)) {
                            r.serve(in, out);
                        } catch (IOException e) {
                            // the peer went away or the receiver was stopped
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return r;
    }

    public static ForwardReceiver start() throws IOException {
        ForwardReceiver r = new ForwardReceiver();
        r.listen(0);
        return r;
    }

    public int port() {
        return port;
    }

    /** Stops answering acks (a server that takes messages but never confirms them). */
    void withholdAcks() {
        acking = false;
    }

    /** Closes the listening socket and every connection; returns once nothing listens any more. */
    public void stop() throws IOException {
        ServerSocket s = server;
        if (s != null) {
            s.close();
        }
        if (unixServer != null) {
            unixServer.close();
        }
        Thread t = acceptor;
        if (t != null) {
            // a socket closed while a thread is blocked in accept is released when that thread returns
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping the receiver", e);
            }
        }
        for (Socket c : connections) {
            c.close();
        }
        connections.clear();
    }

    /** Listens again on the same port. */
    public void restart() throws IOException {
        listen(port);
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (Event e : events) {
            lines.add(e.record().get("log"));
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void listen(int wanted) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted));
        port = s.getLocalPort();
        server = s;
        acceptor = Thread.ofVirtual().name("forward-accept").start(() -> accept(s));
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket c = s.accept();
                connections.add(c);
                Thread.ofVirtual().name("forward-conn").start(() -> serve(c));
            } catch (IOException e) {
                return; // stopped
            }
        }
    }

    private void serve(Socket c) {
        try (c; InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
            serve(in, out);
        } catch (IOException e) {
            // the peer went away or the receiver was stopped
        } finally {
            connections.remove(c);
        }
    }

    private void serve(InputStream in, OutputStream out) throws IOException {
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(in)) {
            while (unpacker.hasNext()) {
                Event event = decode(unpacker);
                events.add(event);
                String chunk = event.option().get("chunk");
                if (chunk != null && acking) {
                    try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
                        packer.packMapHeader(1).packString("ack").packString(chunk);
                        out.write(packer.toByteArray());
                        out.flush();
                    }
                }
            }
        }
    }

    private static Event decode(MessageUnpacker u) throws IOException {
        int size = u.unpackArrayHeader();
        if (size < 3 || size > 4) {
            throw new IOException("not a Message-mode event: array of " + size);
        }
        String tag = u.unpackString();
        Instant time;
        boolean eventTime;
        if (u.getNextFormat().getValueType() == ValueType.EXTENSION) {
            var header = u.unpackExtensionTypeHeader();
            if (header.getType() != 0 || header.getLength() != 8) {
                throw new IOException("unexpected ext type " + header.getType() + " of " + header.getLength() + " bytes");
            }
            ByteBuffer b = ByteBuffer.wrap(u.readPayload(8));
            time = Instant.ofEpochSecond(Integer.toUnsignedLong(b.getInt()), Integer.toUnsignedLong(b.getInt()));
            eventTime = true;
        } else {
            time = Instant.ofEpochSecond(u.unpackLong());
            eventTime = false;
        }
        Map<String, String> record = stringMap(u);
        Map<String, String> option = size == 4 ? stringMap(u) : Map.of();
        return new Event(tag, time, eventTime, record, option);
    }

    private static Map<String, String> stringMap(MessageUnpacker u) throws IOException {
        if (u.getNextFormat() == MessageFormat.NIL) {
            u.unpackNil();
            return Map.of();
        }
        int n = u.unpackMapHeader();
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(u.unpackString(), u.unpackString());
        }
        return map;
    }
}

package berth.logging.gelf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * A GELF receiver for tests, decoding as Graylog does: UDP datagrams (reassembling chunks by message
 * ID, then gunzip or inflate by the magic bytes, or plain JSON) and NUL-delimited TCP messages.
 * It records how each message arrived (chunk count, compression) for the tests to check.
 */
public final class GelfReceiver implements AutoCloseable {
    /** One decoded message and how it travelled. */
    public record Received(JsonNode json, int chunks, String compression) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration AWAIT = Duration.ofSeconds(30);

    private final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public static GelfReceiver udp() throws IOException {
        GelfReceiver r = new GelfReceiver();
        DatagramChannel channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        r.open.add(channel);
        r.port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        r.run(() -> r.receiveUdp(channel));
        return r;
    }

    static GelfReceiver tcp() throws IOException {
        return tcp(0);
    }

    static GelfReceiver tcp(int port) throws IOException {
        GelfReceiver r = new GelfReceiver();
        ServerSocketChannel server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        r.open.add(server);
        r.port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        r.run(() -> r.acceptTcp(server));
        return r;
    }

    private int port;

    public int port() {
        return port;
    }

    public Received next() throws InterruptedException, IOException {
        Received r = messages.poll(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new IOException("no GELF message arrived");
        }
        return r;
    }

    private interface Loop {
        void run() throws IOException;
    }

    private void run(Loop loop) {
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                loop.run();
            } catch (ClosedChannelException e) {
                // closed by the test
            } catch (IOException e) {
                if (!closed) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        threads.add(t);
    }

    private void receiveUdp(DatagramChannel channel) throws IOException {
        Map<String, byte[][]> partial = new HashMap<>();
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        while (true) {
            buffer.clear();
            channel.receive(buffer);
            buffer.flip();
            byte[] datagram = new byte[buffer.remaining()];
            buffer.get(datagram);
            if (datagram.length >= 12 && datagram[0] == 0x1e && datagram[1] == 0x0f) {
                String id = HexFormat.of().formatHex(datagram, 2, 10);
                int seq = datagram[10] & 0xff;
                int count = datagram[11] & 0xff;
                byte[][] chunks = partial.computeIfAbsent(id, k -> new byte[count][]);
                chunks[seq] = java.util.Arrays.copyOfRange(datagram, 12, datagram.length);
                if (java.util.Arrays.stream(chunks).allMatch(c -> c != null)) {
                    partial.remove(id);
                    ByteArrayOutputStream whole = new ByteArrayOutputStream();
                    for (byte[] c : chunks) {
                        whole.write(c);
                    }
                    decode(whole.toByteArray(), count);
                }
            } else {
                decode(datagram, 1);
            }
        }
    }

    private void decode(byte[] payload, int chunks) throws IOException {
        String compression;
        InputStream in;
        if (payload.length > 2 && (payload[0] & 0xff) == 0x1f && (payload[1] & 0xff) == 0x8b) {
            compression = "gzip";
            in = new GZIPInputStream(new ByteArrayInputStream(payload));
        } else if (payload.length > 0 && payload[0] == 0x78) {
            compression = "zlib";
            in = new InflaterInputStream(new ByteArrayInputStream(payload));
        } else {
            compression = "none";
            in = new ByteArrayInputStream(payload);
        }
        messages.add(new Received(JSON.readTree(in.readAllBytes()), chunks, compression));
    }

    private void acceptTcp(ServerSocketChannel server) throws IOException {
        while (true) {
            SocketChannel client = server.accept();
            // closing resets the connection, so the sender's next write fails whether or not it was accepted yet
            client.setOption(StandardSocketOptions.SO_LINGER, 0);
            open.add(client);
            if (closed) { // close() may have gone through open before this client was in it
                client.close();
                return;
            }
            run(() -> readTcp(client));
        }
    }

    private void readTcp(SocketChannel client) throws IOException {
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (client.read(buffer) >= 0) {
            buffer.flip();
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == 0) {
                    decode(current.toByteArray(), 1);
                    current.reset();
                } else {
                    current.write(b);
                }
            }
            buffer.clear();
        }
        client.close();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}

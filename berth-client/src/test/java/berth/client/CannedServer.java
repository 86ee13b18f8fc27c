package berth.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A unix-socket server for tests: for each connection it reads one request (head and body, decoding
 * chunked), records it, and hands the socket to the next scripted handler.
 */
final class CannedServer implements AutoCloseable {
    record Request(String head, byte[] body) {
        String requestLine() {
            return head.substring(0, head.indexOf("\r\n"));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @FunctionalInterface
    interface Handler {
        void handle(Request request, InputStream in, OutputStream out) throws IOException;
    }

    private final Path dir;
    private final Path socket;
    private final ServerSocketChannel server;
    private final LinkedBlockingQueue<Handler> handlers = new LinkedBlockingQueue<>();
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;

    CannedServer() throws IOException {
        dir = Files.createTempDirectory("berth-client-test");
        socket = dir.resolve("d.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = Thread.ofPlatform().daemon().start(this::serve);
    }

    DaemonAddress address() {
        return new DaemonAddress(socket);
    }

    /** Next connection gets these bytes as the reply, then the socket is closed. */
    CannedServer reply(String raw) {
        return reply(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    CannedServer reply(byte[] raw) {
        handlers.add((req, in, out) -> out.write(raw));
        return this;
    }

    CannedServer then(Handler h) {
        handlers.add(h);
        return this;
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel ch = server.accept()) {
                InputStream in = Channels.newInputStream(ch);
                OutputStream out = Channels.newOutputStream(ch);
                Request req = readRequest(in);
                requests.add(req);
                Handler h = handlers.poll();
                if (h != null) {
                    h.handle(req, in, out);
                }
                out.flush();
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
            }
        }
    }

    static Request readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        String line;
        while ((line = readLine(in)) != null) {
            head.append(line).append("\r\n");
            if (line.isEmpty()) {
                break;
            }
        }
        String h = head.toString();
        String lower = h.toLowerCase(Locale.ROOT);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (lower.contains("transfer-encoding: chunked")) {
            while (true) {
                int size = Integer.parseInt(readLine(in).strip(), 16);
                if (size == 0) {
                    readLine(in);
                    break;
                }
                body.write(in.readNBytes(size));
                readLine(in);
            }
        } else {
            int i = lower.indexOf("content-length: ");
            if (i >= 0) {
                int end = lower.indexOf("\r\n", i);
                body.write(in.readNBytes(Integer.parseInt(h.substring(i + 16, end).strip())));
            }
        }
        return new Request(h, body.toByteArray());
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.write(c);
        }
        if (c < 0 && b.size() == 0) {
            return null;
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() throws Exception {
        server.close();
        thread.join(2000);
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
    }
}

package berth.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange over a fresh unix-socket connection. A connection per request keeps the
 * client simple and costs nothing measurable on a local socket; the response owns the connection and
 * closes it.
 */
final class HttpConnection implements Closeable {
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    private HttpConnection(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedInputStream(ChannelStreams.input(channel), 16 * 1024);
        this.out = new BufferedOutputStream(ChannelStreams.output(channel), 16 * 1024);
    }

    static HttpConnection open(DaemonAddress address) {
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(address.socket()));
            return new HttpConnection(ch);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new DaemonUnreachableException(address, e);
        }
    }

    /**
     * Sends the request and reads the response head. For a 101 the body stream is the raw socket
     * (the caller wraps it as a {@link HijackedStream}).
     */
    HttpResponse exchange(HttpRequest request) throws IOException {
        IOException writeFailure = null;
        try {
            writeRequest(request);
        } catch (IOException e) {
            // The daemon may reject a streamed upload and close before reading it all; its error
            // response is still worth reading.
            writeFailure = e;
        }
        ResponseHead head;
        try {
            head = readHead();
        } catch (IOException e) {
            if (writeFailure != null) {
                e.addSuppressed(writeFailure);
            }
            throw e;
        }
        return new HttpResponse(head.status(), head.reason(), head.headers(), bodyStream(request, head), this);
    }

    SocketChannel channel() {
        return channel;
    }

    InputStream rawInput() {
        return in;
    }

    OutputStream rawOutput() {
        return out;
    }

    private void writeRequest(HttpRequest request) throws IOException {
        StringBuilder head = new StringBuilder(256);
        head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
        head.append("Host: api\r\n");
        head.append("User-Agent: berth-cli\r\n");
        boolean upgrade = false;
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            upgrade |= h.getKey().equalsIgnoreCase("Upgrade");
        }
        if (!upgrade) {
            head.append("Connection: close\r\n");
        }
        RequestBody body = request.body();
        switch (body) {
            case RequestBody.None n -> {
                if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
                    head.append("Content-Length: 0\r\n");
                }
            }
            case RequestBody.Bytes b -> head.append("Content-Type: ").append(b.contentType())
                    .append("\r\nContent-Length: ").append(b.data().length).append("\r\n");
            case RequestBody.Streamed s -> head.append("Content-Type: ").append(s.contentType())
                    .append("\r\nTransfer-Encoding: chunked\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        switch (body) {
            case RequestBody.None n -> { }
            case RequestBody.Bytes b -> out.write(b.data());
            case RequestBody.Streamed s -> {
                ChunkedOutputStream chunked = new ChunkedOutputStream(out);
                s.writer().writeTo(chunked);
                chunked.close();
            }
        }
        out.flush();
    }

    private record ResponseHead(int status, String reason, Map<String, String> headers) {}

    private ResponseHead readHead() throws IOException {
        String statusLine = HttpLines.readLine(in);
        if (statusLine == null) {
            throw new IOException("the daemon closed the connection without answering");
        }
        // "HTTP/1.1 200 OK"
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP response from the daemon: \"" + statusLine + "\"");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad status line from the daemon: \"" + statusLine + "\"");
        }
        Map<String, String> headers = new HashMap<>();
        String line;
        while ((line = HttpLines.readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        if (line == null) {
            throw new IOException("the daemon closed the connection in the middle of the response headers");
        }
        return new ResponseHead(status, parts.length > 2 ? parts[2] : "", headers);
    }

    private InputStream bodyStream(HttpRequest request, ResponseHead head) {
        int status = head.status();
        if (status == 101) {
            return in;
        }
        if (request.method().equals("HEAD") || status == 204 || status == 304 || status < 200) {
            return InputStream.nullInputStream();
        }
        String te = head.headers().get("transfer-encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            return new ChunkedInputStream(in);
        }
        String cl = head.headers().get("content-length");
        if (cl != null) {
            try {
                return new FixedLengthInputStream(in, Long.parseLong(cl.strip()));
            } catch (NumberFormatException e) {
                // fall through: read to close
            }
        }
        return in; // no framing: the body ends when the daemon closes (raw-stream replies)
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to clean up beyond the descriptor
            }
        }
    }
}

package berth.api.http;

import berth.errors.BerthException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One request and its response, used on the request's virtual thread. A handler answers exactly
 * once: a whole response ({@link #respondJson}, {@link #respondEmpty}), a chunked stream
 * ({@link #startChunked}), or a hijacked raw connection ({@link #hijack}). Writes wait for the
 * socket when it is not writable, so a slow client slows the producer instead of filling memory.
 */
public final class Exchange {
    private static final int MAX_JSON_BODY = 32 << 20;
    private static final HttpResponseStatus UPGRADED = new HttpResponseStatus(101, "UPGRADED");

    enum State { NEW, STREAMING, HIJACKED, DONE }

    private final Channel channel;
    private final HttpRequest request;
    private final RequestBody body;
    private final ServerHeaders serverHeaders;
    private final ApiConnectionHandler connection;
    private final QueryParams query;
    private final String path;
    private final CopyOnWriteArrayList<AutoCloseable> onDisconnect = new CopyOnWriteArrayList<>();
    private final HttpHeaders extraHeaders = new DefaultHttpHeaders();
    private volatile State state = State.NEW;
    private volatile boolean jsonStream;
    private ChunkedResponse stream;
    private ApiVersion version = ApiVersion.MAX;
    private List<String> pathParams = List.of();

    Exchange(Channel channel, HttpRequest request, RequestBody body, ServerHeaders serverHeaders,
             ApiConnectionHandler connection) {
        this.channel = channel;
        this.request = request;
        this.body = body;
        this.serverHeaders = serverHeaders;
        this.connection = connection;
        QueryStringDecoder qs = new QueryStringDecoder(request.uri());
        this.path = qs.path();
        this.query = new QueryParams(qs.parameters());
    }

    public String method() {
        return request.method().name();
    }

    public boolean isHead() {
        return request.method().equals(HttpMethod.HEAD);
    }

    /** The decoded path as the client sent it (with any version prefix). */
    public String rawPath() {
        return path;
    }

    public QueryParams query() {
        return query;
    }

    public String header(String name) {
        return request.headers().get(name);
    }

    /** The API version the client asked for (the newest when it sent none). */
    public ApiVersion version() {
        return version;
    }

    /** The i-th capture of the matched route (image names, container IDs). */
    public String param(int i) {
        return pathParams.get(i);
    }

    void route(ApiVersion v, List<String> params) {
        this.version = v;
        this.pathParams = List.copyOf(params);
    }

    State state() {
        return state;
    }

    /** The request body as a stream (tarballs). */
    public InputStream body() {
        return body;
    }

    /** The request body as JSON; an empty body reads as a missing node. */
    public JsonNode jsonBody() {
        try {
            return Json.parseBody(body.readAll(MAX_JSON_BODY));
        } catch (IOException e) {
            throw BerthException.invalid("cannot read request body: " + e.getMessage(), e);
        }
    }

    /** Runs {@code c.close()} when the client disconnects before the exchange ends. */
    public void closeOnDisconnect(AutoCloseable c) {
        onDisconnect.add(c);
        if (!channel.isActive()) {
            disconnected();
        }
    }

    public boolean clientConnected() {
        return channel.isActive();
    }

    void disconnected() {
        for (AutoCloseable c : onDisconnect) {
            onDisconnect.remove(c);
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort: the client is gone and nobody can read an error any more
            }
        }
    }

    // ---- whole responses ----

    public void respondJson(int status, Object value) {
        respondBytes(status, "application/json", Json.bytes(value));
    }

    public void respondText(int status, String contentType, String text) {
        respondBytes(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    public void respondEmpty(int status) {
        respondBytes(status, null, new byte[0]);
    }

    public void respondError(int status, String message) {
        respondJson(status, new ErrorBody(message));
    }

    private void respondBytes(int status, String contentType, byte[] content) {
        claim(State.DONE);
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                isHead() ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(content));
        serverHeaders.applyTo(resp.headers());
        resp.headers().add(extraHeaders);
        if (contentType != null) {
            resp.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        if (status != 204 && status != 304) {
            resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.length);
        }
        finishWith(channel.writeAndFlush(resp));
    }

    /** Sets an extra header on the response (ping's cache headers). */
    public Exchange withHeader(String name, String value) {
        extraHeaders.set(name, value);
        return this;
    }

    private void claim(State next) {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("response already started (" + state + ")");
            }
            state = next;
        }
    }

    private void finishWith(ChannelFuture last) {
        state = State.DONE;
        body.discardRest();
        connection.exchangeDone(this, last, HttpUtil.isKeepAlive(request));
    }

    // ---- chunked streams ----

    /**
     * Starts a chunked response. With {@code lazyHeaders} the status line goes out with the first
     * chunk, so an error before any output can still be a plain JSON error response.
     */
    public ChunkedResponse startChunked(int status, String contentType, boolean jsonLines, boolean lazyHeaders) {
        claim(State.STREAMING);
        this.jsonStream = jsonLines;
        ChunkedResponse r = new ChunkedResponse(status, contentType);
        this.stream = r;
        if (!lazyHeaders) {
            r.sendHeaders();
        }
        return r;
    }

    /**
     * Reports a failure of a started stream: as a plain error when no header went out yet, inside
     * the stream for JSON progress streams, else by closing the connection (a tar cannot carry it).
     */
    void failStream(int status, String message) {
        if (stream != null && !stream.headersSent()) {
            synchronized (this) {
                state = State.NEW;
            }
            respondError(status, message);
        } else if (jsonStream && stream != null) {
            stream.writeJsonLine(Dispatcher.errorLine(message));
            stream.end();
        } else {
            abortConnection();
        }
    }

    void abortConnection() {
        state = State.DONE;
        channel.close();
        connection.exchangeDone(this, null, false);
    }

    /** A chunked response body; {@link #end()} finishes it. Used from one thread. */
    public final class ChunkedResponse {
        private final int status;
        private final String contentType;
        private boolean headersSent;
        private boolean ended;

        private ChunkedResponse(int status, String contentType) {
            this.status = status;
            this.contentType = contentType;
        }

        public boolean headersSent() {
            return headersSent;
        }

        void sendHeaders() {
            if (headersSent) {
                return;
            }
            headersSent = true;
            HttpResponse resp = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
            serverHeaders.applyTo(resp.headers());
            resp.headers().add(extraHeaders);
            if (contentType != null) {
                resp.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
            }
            resp.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            await(channel.writeAndFlush(resp));
        }

        public void write(byte[] data) {
            write(data, 0, data.length);
        }

        public void write(byte[] data, int off, int len) {
            if (len == 0) {
                return;
            }
            sendHeaders();
            ByteBuf buf = channel.alloc().buffer(len);
            buf.writeBytes(data, off, len);
            await(channel.writeAndFlush(new DefaultHttpContent(buf)));
        }

        /** One JSON object followed by a newline: a line of Docker's progress streams. */
        public void writeJsonLine(Object value) {
            byte[] json = Json.bytes(value);
            byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            write(line);
        }

        public void end() {
            if (ended) {
                return;
            }
            ended = true;
            sendHeaders();
            finishWith(channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
        }

        /** An OutputStream view for binary bodies (tar); each flush or 64 KiB makes one chunk. */
        public java.io.OutputStream asOutputStream() {
            return new java.io.BufferedOutputStream(new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    ChunkedResponse.this.write(new byte[] {(byte) b});
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    ChunkedResponse.this.write(b, off, len);
                }
            }, 64 << 10);
        }
    }

    // ---- hijack ----

    /** Whether the client asked to switch to a raw stream ({@code Connection: Upgrade}, {@code Upgrade: tcp}). */
    public boolean wantsUpgrade() {
        String conn = request.headers().get(HttpHeaderNames.CONNECTION, "");
        return conn.toLowerCase(Locale.ROOT).contains("upgrade") && request.headers().contains(HttpHeaderNames.UPGRADE);
    }

    /**
     * Turns the connection into a raw byte stream: {@code 101 UPGRADED} when the client asked for an
     * upgrade, else {@code 200} with no length (the stream ends when we close). The HTTP codec leaves
     * the pipeline; bytes from the client go to {@code input}, and its half-close to {@code input.eof()}.
     */
    public HijackedStream hijack(String contentType, RawInput input) {
        claim(State.HIJACKED);
        boolean upgrade = wantsUpgrade();
        HttpResponse resp = new DefaultHttpResponse(HttpVersion.HTTP_1_1, upgrade ? UPGRADED : HttpResponseStatus.OK);
        serverHeaders.applyTo(resp.headers());
        resp.headers().set("Content-Type", contentType);
        if (upgrade) {
            // spelled as dockerd spells them; clients compare case-insensitively anyway
            resp.headers().set("Connection", "Upgrade");
            resp.headers().set("Upgrade", "tcp");
        }
        CompletableFuture<ChannelFuture> switched = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            // write the status line through the codec, then remove it in the same event-loop task so
            // no byte in either direction can be seen by the HTTP codec after the switch
            ChannelFuture f = channel.writeAndFlush(resp);
            connection.switchToRaw(input);
            if (channel.pipeline().get(HttpServerCodec.class) != null) {
                channel.pipeline().remove(HttpServerCodec.class);
            }
            switched.complete(f);
        });
        await(switched.join());
        return new HijackedStream();
    }

    /** Receives the client's bytes after a hijack, on the event loop; must not block. */
    public interface RawInput {
        void data(ByteBuf bytes);

        void eof();
    }

    /** The server's side of a hijacked connection. */
    public final class HijackedStream {
        public void write(byte[] data, int off, int len) {
            ByteBuf buf = channel.alloc().buffer(len);
            buf.writeBytes(data, off, len);
            await(channel.writeAndFlush(buf));
        }

        public void write(byte[] data) {
            write(data, 0, data.length);
        }

        /** Ends the session: flushes what was written and closes the connection. */
        public void close() {
            state = State.DONE;
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> channel.close());
            connection.exchangeDone(Exchange.this, null, false);
        }
    }

    /** Waits for a write when the socket is backed up; a dead connection ends the request. */
    private void await(ChannelFuture f) {
        if (!channel.isWritable() || !channel.isActive()) {
            f.awaitUninterruptibly();
        }
        if (f.isDone() && !f.isSuccess() || !channel.isActive()) {
            throw new ClientDisconnected();
        }
    }

    /** Docker's error body. */
    public record ErrorBody(@com.fasterxml.jackson.annotation.JsonProperty("message") String message) {}

}

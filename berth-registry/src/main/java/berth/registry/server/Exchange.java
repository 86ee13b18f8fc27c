package berth.registry.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.buffer.Unpooled;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One request and its answer: what the routes read, and the single {@link #send} that answers it. */
final class Exchange {
    /** An unread body larger than this is not drained after an early answer: the connection closes instead. */
    private static final long DRAIN_LIMIT = 8L << 20;

    private final Channel channel;
    private final HttpRequest request;
    private final RequestBody body;
    private final boolean tls;
    private final QueryStringDecoder uri;
    private final Runnable onDone;

    Exchange(Channel channel, HttpRequest request, RequestBody body, boolean tls, Runnable onDone) {
        this.channel = channel;
        this.request = request;
        this.body = body;
        this.tls = tls;
        this.uri = new QueryStringDecoder(request.uri());
        this.onDone = onDone;
    }

    HttpMethod method() {
        return request.method();
    }

    String path() {
        return uri.path();
    }

    Optional<String> query(String name) {
        List<String> values = uri.parameters().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    Map<String, List<String>> queryParameters() {
        return uri.parameters();
    }

    Optional<String> header(CharSequence name) {
        return Optional.ofNullable(request.headers().get(name));
    }

    /** Whether a body was sent at all (a length over 0, or chunked). */
    boolean hasBody() {
        return HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
    }

    InputStream body() {
        return body;
    }

    boolean tls() {
        return tls;
    }

    String remoteAddress() {
        return channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() + ":" + a.getPort() : String.valueOf(channel.remoteAddress());
    }

    /** This server's base URL as the client addressed it. */
    String baseUrl() {
        return (tls ? "https://" : "http://") + header(HttpHeaderNames.HOST).orElse("localhost");
    }

    /**
     * Writes the answer. Whatever of the body the route left unread is drained first (a client that
     * sent a body wants to finish sending before it reads), so the connection can carry the next request.
     */
    void send(Response r) {
        boolean reusable = body.discardRest(DRAIN_LIMIT) && HttpUtil.isKeepAlive(request);
        body.close();
        Response answer = method().equals(HttpMethod.HEAD) ? r.headOnly() : r;
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, answer.status(), answer.headers());
        head.headers().set("Docker-Distribution-API-Version", "registry/2.0");
        head.headers().set(HttpHeaderNames.CONTENT_LENGTH, answer.body().length());
        if (!reusable) {
            head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        channel.write(head);
        ChannelFuture last = switch (answer.body()) {
            case Response.Bytes b -> channel.writeAndFlush(new DefaultLastHttpContent(Unpooled.wrappedBuffer(b.data())));
            case Response.Empty e -> channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            case Response.FileRegion f -> tls
                    // TLS needs the bytes in user space: stream the file in chunks instead of sendfile.
                    ? writeChunked(f)
                    : writeRegion(f);
        };
        last.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess() || !reusable) {
                channel.close();
            }
            onDone.run();
        });
    }

    /** Gives up on the exchange when no answer could be written: the client sees the connection close. */
    void abort() {
        body.close();
        channel.close();
        onDone.run();
    }

    private ChannelFuture writeChunked(Response.FileRegion f) {
        try {
            return channel.writeAndFlush(new HttpChunkedInput(new ChunkedNioFile(f.channel(), f.position(), f.count(), 64 * 1024)));
        } catch (java.io.IOException e) {
            return channel.newFailedFuture(e);
        }
    }

    private ChannelFuture writeRegion(Response.FileRegion f) {
        channel.write(new DefaultFileRegion(f.channel(), f.position(), f.count()));
        return channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }
}

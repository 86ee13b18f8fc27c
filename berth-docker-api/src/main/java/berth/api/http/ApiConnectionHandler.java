package berth.api.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * One client connection. HTTP requests are handed to virtual threads (the engine calls block);
 * the event loop only moves bytes. After a hijack, raw bytes go to the exchange's {@link Exchange.RawInput}.
 */
final class ApiConnectionHandler extends ChannelInboundHandlerAdapter {
    private final Dispatcher dispatcher;
    private final ServerHeaders serverHeaders;
    private RequestBody body;
    private volatile Exchange current;
    private volatile Exchange.RawInput raw;
    private boolean inputShutdown;

    ApiConnectionHandler(Dispatcher dispatcher, ServerHeaders serverHeaders) {
        this.dispatcher = dispatcher;
        this.serverHeaders = serverHeaders;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Exchange.RawInput sink = raw;
        if (sink != null) {
            if (msg instanceof ByteBuf b) {
                sink.data(b);
            } else {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        try {
            if (msg instanceof HttpRequest req) {
                if (req.decoderResult().isFailure()) {
                    badRequest(ctx, req.decoderResult().cause());
                    return;
                }
                body = new RequestBody(ctx.channel());
                Exchange ex = new Exchange(ctx.channel(), req, body, serverHeaders, this);
                current = ex;
                Thread.ofVirtual().name("api " + req.method() + " " + req.uri()).start(() -> dispatcher.dispatch(ex));
            }
            if (msg instanceof HttpContent c && body != null) {
                body.offer(c.content().retain());
                if (c instanceof LastHttpContent) {
                    body.end();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void badRequest(ChannelHandlerContext ctx, Throwable cause) {
        String msg = "{\"message\":\"malformed HTTP request: " + String.valueOf(cause.getMessage()).replace("\"", "'") + "\"}";
        var resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                Unpooled.copiedBuffer(msg, StandardCharsets.UTF_8));
        serverHeaders.applyTo(resp.headers());
        resp.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, resp.content().readableBytes());
        ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
    }

    /** Called on the event loop during a hijack, right after the switching response was written. */
    void switchToRaw(Exchange.RawInput input) {
        raw = input;
        if (inputShutdown) {
            input.eof();
        }
    }

    /** The exchange has written its last byte; keep the connection for the next request or close it. */
    void exchangeDone(Exchange ex, ChannelFuture last, boolean keepAlive) {
        if (current == ex) {
            current = null;
        }
        if (last != null && (!keepAlive || inputShutdown)) {
            last.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputShutdown = true;
            Exchange.RawInput sink = raw;
            if (sink != null) {
                // a hijacked client half-closes when its stdin ends; output keeps flowing
                sink.eof();
            } else {
                // like Go's server: a client that stops sending mid-exchange has gone away, which
                // must end a follow or a wait it left behind
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (body != null && !body.complete()) {
            body.abort();
        }
        Exchange.RawInput sink = raw;
        if (sink != null) {
            sink.eof();
        }
        Exchange ex = current;
        if (ex != null) {
            ex.disconnected();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a reset by the client is normal (docker run -d drops its wait); just end the connection
        ctx.close();
    }
}

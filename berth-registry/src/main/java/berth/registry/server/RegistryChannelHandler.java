package berth.registry.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Consumer;

/**
 * One connection's event-loop side: hands each request to a virtual thread as an {@link Exchange} and
 * feeds its body in. The channel reads only when asked (auto-read off): for the next request once an
 * answer is written, and for more body while the request's thread consumes it. One request at a time:
 * a request that arrives before the answer to the one before is done (a client that got the answer sends
 * its next request while this side still finishes the write, or a client that pipelines) waits, with what
 * follows it, until that exchange is over.
 */
final class RegistryChannelHandler extends ChannelInboundHandlerAdapter {
    private final Consumer<Exchange> dispatcher;
    private final boolean tls;
    private RequestBody body;
    private boolean inFlight;
    /** Messages of the next request, held while the current exchange finishes. */
    private final java.util.ArrayDeque<Object> waiting = new java.util.ArrayDeque<>();

    RegistryChannelHandler(Consumer<Exchange> dispatcher, boolean tls) {
        this.dispatcher = dispatcher;
        this.tls = tls;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!waiting.isEmpty() || (msg instanceof HttpRequest && inFlight)) {
            waiting.add(msg); // released when handled, or when the connection goes
            return;
        }
        handle(ctx, msg);
    }

    private void handle(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest req) {
                if (req.decoderResult().isFailure()) {
                    DefaultFullHttpResponse bad = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                            Unpooled.copiedBuffer("malformed request: " + req.decoderResult().cause(), java.nio.charset.StandardCharsets.UTF_8));
                    bad.headers().set(HttpHeaderNames.CONTENT_LENGTH, bad.content().readableBytes());
                    ctx.writeAndFlush(bad).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
                inFlight = true;
                RequestBody b = new RequestBody(ctx.channel());
                body = b;
                Exchange exchange = new Exchange(ctx.channel(), req, b, tls, () -> ctx.executor().execute(() -> done(ctx, b)));
                Thread.ofVirtual().name("registry-request").start(() -> dispatcher.accept(exchange));
            }
            if (msg instanceof HttpContent content && body != null) {
                if (content.content().isReadable()) {
                    body.offer(content.content().retain());
                }
                if (msg instanceof LastHttpContent) {
                    body.end();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // A read that completed no message (half a request line, half a chunk) must be followed by another,
        // or the connection stalls: read while waiting for a request, or while the body's reader waits.
        if (waiting.isEmpty() && (!inFlight || (body != null && body.wantsMore()))) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    private void done(ChannelHandlerContext ctx, RequestBody finished) {
        if (body == finished) {
            body = null;
            inFlight = false;
            // the next request, if it came early, and what of its body came with it
            while (!waiting.isEmpty() && !(inFlight && waiting.peek() instanceof HttpRequest)) {
                handle(ctx, waiting.poll());
            }
            if (ctx.channel().isActive() && waiting.isEmpty() && (!inFlight || (body != null && body.wantsMore()))) {
                ctx.read();
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (body != null) {
            body.abort();
        }
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}

package berth.registry.server;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/** An answer the routes build and {@link Exchange#send} writes: status, headers and one kind of body. */
record Response(HttpResponseStatus status, HttpHeaders headers, Body body) {
    /** What follows the headers. */
    sealed interface Body {
        long length();
    }

    record Bytes(byte[] data) implements Body {
        @Override
        public long length() {
            return data.length;
        }
    }

    /** {@code count} bytes of an open file from {@code position}, sent zero-copy; the channel is closed once sent. */
    record FileRegion(FileChannel channel, long position, long count) implements Body {
        @Override
        public long length() {
            return count;
        }
    }

    /** No body; {@code declaredLength} is the Content-Length a HEAD reports (0 otherwise). */
    record Empty(long declaredLength) implements Body {
        @Override
        public long length() {
            return declaredLength;
        }
    }

    static Response of(HttpResponseStatus status) {
        return new Response(status, new DefaultHttpHeaders(), new Empty(0));
    }

    static Response json(HttpResponseStatus status, String contentType, byte[] json) {
        Response r = new Response(status, new DefaultHttpHeaders(), new Bytes(json));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        return r;
    }

    static Response json(HttpResponseStatus status, byte[] json) {
        return json(status, "application/json", json);
    }

    static Response text(HttpResponseStatus status, String text) {
        return json(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    Response header(CharSequence name, Object value) {
        headers.set(name, value);
        return this;
    }

    /** The same headers and status without the body, for HEAD (the length stays declared). */
    Response headOnly() {
        if (body instanceof FileRegion f) {
            try {
                f.channel().close();
            } catch (java.io.IOException e) {
                // nothing was read from it; a close failure changes nothing for the client
            }
        }
        return new Response(status, headers, new Empty(body.length()));
    }
}

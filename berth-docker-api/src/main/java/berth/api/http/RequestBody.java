package berth.api.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body as a blocking stream, fed by the event loop and read on the request's virtual
 * thread. Reading from the socket pauses (autoRead off) while more than {@value #HIGH_WATER} bytes
 * wait, so an image tarball is streamed through, never held whole in memory.
 */
final class RequestBody extends InputStream {
    private static final int HIGH_WATER = 1 << 20;
    private static final int LOW_WATER = 256 << 10;
    private static final Object END = new Object();
    private static final Object ABORT = new Object();

    private final Channel channel;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private volatile boolean complete;
    private volatile boolean discarding;
    private ByteBuf current;
    private boolean eof;

    RequestBody(Channel channel) {
        this.channel = channel;
    }

    /** Event loop: one more piece of the body (ownership passes to this stream). */
    void offer(ByteBuf piece) {
        if (!piece.isReadable() || discarding) {
            piece.release();
            return;
        }
        if (queued.addAndGet(piece.readableBytes()) > HIGH_WATER) {
            channel.config().setAutoRead(false);
        }
        queue.add(piece);
        if (discarding) {
            discardRest();
        }
    }

    /** Event loop: the last piece has arrived. */
    void end() {
        complete = true;
        queue.add(END);
    }

    /** The connection closed before the body ended; a blocked reader gets an IOException. */
    void abort() {
        Object o;
        while ((o = queue.poll()) != null) {
            if (o instanceof ByteBuf b) {
                b.release();
            }
        }
        queue.add(ABORT);
    }

    /**
     * The response is out and nobody will read the rest: drop what is queued and what still comes,
     * so the connection can serve the next request once the body has passed.
     */
    void discardRest() {
        discarding = true;
        Object o;
        while ((o = queue.poll()) != null) {
            if (o instanceof ByteBuf b) {
                b.release();
            }
        }
        queued.set(0);
        if (!channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    boolean complete() {
        return complete;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (current == null || !current.isReadable()) {
            if (eof) {
                return -1;
            }
            if (current != null) {
                current.release();
                current = null;
            }
            Object next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading the request body");
            }
            if (next == END) {
                eof = true;
                return -1;
            }
            if (next == ABORT) {
                queue.add(ABORT);
                throw new IOException("client disconnected before the request body ended");
            }
            current = (ByteBuf) next;
            if (queued.addAndGet(-current.readableBytes()) < LOW_WATER && !channel.config().isAutoRead()) {
                channel.config().setAutoRead(true);
            }
        }
        int n = Math.min(len, current.readableBytes());
        current.readBytes(b, off, n);
        return n;
    }

    /** Reads the whole body, refusing more than {@code limit} bytes. */
    byte[] readAll(int limit) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = read(buf, 0, buf.length)) >= 0) {
            out.write(buf, 0, n);
            if (out.size() > limit) {
                throw berth.errors.BerthException.invalid("request body too large (more than " + limit + " bytes)");
            }
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        if (current != null) {
            current.release();
            current = null;
        }
    }
}

package berth.registry.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A request's body as a blocking stream for the request's virtual thread, fed by the event loop.
 * The channel does not read on its own (auto-read is off): the stream asks for the next read when it
 * has consumed what arrived, so a slow disk slows the client down instead of filling the heap.
 */
final class RequestBody extends InputStream {
    private static final Object END = new Object();
    private static final Object ABORTED = new Object();

    private final Channel channel;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private ByteBuf current;
    private boolean eof;
    /** Set on the event loop once the last content arrived. */
    private volatile boolean complete;

    RequestBody(Channel channel) {
        this.channel = channel;
    }

    // ---- event-loop side

    void offer(ByteBuf content) {
        queue.add(content);
    }

    void end() {
        complete = true;
        queue.add(END);
    }

    void abort() {
        queue.add(ABORTED);
    }

    /** Whether the event loop should read on: the body is incomplete and the reader has nothing queued. */
    boolean wantsMore() {
        return !complete && queue.isEmpty();
    }

    // ---- reader side

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
        while (true) {
            if (current != null) {
                if (current.isReadable()) {
                    int n = Math.min(len, current.readableBytes());
                    current.readBytes(b, off, n);
                    return n;
                }
                current.release();
                current = null;
            }
            if (eof) {
                return -1;
            }
            Object next = queue.poll();
            if (next == null) {
                channel.read();
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading the request body");
                }
            }
            if (next == END) {
                eof = true;
                return -1;
            }
            if (next == ABORTED) {
                queue.add(ABORTED);
                throw new IOException("the client closed the connection before sending the whole body");
            }
            current = (ByteBuf) next;
        }
    }

    /**
     * Reads and drops what is left of the body, up to {@code limit} bytes; true when the body ended
     * (the connection can carry the next request), false when more remains or the client went away.
     */
    boolean discardRest(long limit) {
        byte[] buf = new byte[16 * 1024];
        long dropped = 0;
        try {
            int n;
            while ((n = read(buf, 0, buf.length)) >= 0) {
                dropped += n;
                if (dropped > limit) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Frees buffers nobody will read. */
    @Override
    public void close() {
        if (current != null) {
            current.release();
            current = null;
        }
        Object o;
        while ((o = queue.poll()) != null) {
            if (o instanceof ByteBuf buf) {
                buf.release();
            }
        }
    }
}

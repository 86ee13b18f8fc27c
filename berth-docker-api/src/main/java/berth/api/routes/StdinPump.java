package berth.api.routes;

import berth.api.http.Exchange;
import berth.container.DetachKeys;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Carries a hijacked client's bytes to the stdin of an attachment (container attach or exec).
 * The event loop only queues; a virtual thread does the (possibly blocking) writes. The client's
 * half-close closes stdin, which the process sees as EOF.
 *
 * <p>With a TTY it works as Docker's does: the keystrokes are watched for the detach sequence, and
 * that sequence or the client's EOF ends the session ({@code endSession}) while the process keeps
 * running with its terminal's input open; nothing of the sequence reaches the process.
 */
final class StdinPump implements Exchange.RawInput {
    private static final byte[] EOF = new byte[0];

    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final EscapeWatcher escape;
    private final Runnable endSession;
    private volatile boolean ended;

    private StdinPump(OutputStream stdin, EscapeWatcher escape, Runnable endSession) {
        this.escape = escape;
        this.endSession = endSession;
        Thread.ofVirtual().name("hijack-stdin").start(() -> pump(stdin));
    }

    static StdinPump start(OutputStream stdin) {
        return new StdinPump(stdin, null, null);
    }

    /** For a TTY: detaches on {@code keys}, and ends the session (not the process's input) at the client's EOF. */
    static StdinPump startTty(OutputStream stdin, DetachKeys keys, Runnable endSession) {
        return new StdinPump(stdin, new EscapeWatcher(keys), endSession);
    }

    /** Input for attachments without stdin: the bytes are dropped. */
    static Exchange.RawInput discard() {
        return new Exchange.RawInput() {
            @Override
            public void data(ByteBuf bytes) {
                bytes.release();
            }

            @Override
            public void eof() {}
        };
    }

    @Override
    public void data(ByteBuf bytes) {
        try {
            byte[] copy = new byte[bytes.readableBytes()];
            bytes.readBytes(copy);
            if (ended || copy.length == 0) {
                return;
            }
            if (escape == null) {
                queue.add(copy);
                return;
            }
            EscapeWatcher.Result r = escape.feed(copy);
            if (r.forward().length > 0) {
                queue.add(r.forward());
            }
            if (r.detached()) {
                eof();
            }
        } finally {
            bytes.release();
        }
    }

    @Override
    public void eof() {
        if (!ended) {
            ended = true;
            queue.add(EOF);
            if (endSession != null) {
                endSession.run();
            }
        }
    }

    private void pump(OutputStream stdin) {
        try (stdin) {
            while (true) {
                byte[] chunk = queue.take();
                if (chunk == EOF) {
                    return;
                }
                stdin.write(chunk);
                stdin.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the process closed its stdin or the attachment ended: nothing more to deliver
        }
    }
}

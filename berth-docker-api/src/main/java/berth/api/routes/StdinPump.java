package berth.api.routes;

import berth.api.http.Exchange;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Carries a hijacked client's bytes to the stdin of an attachment (container attach or exec).
 * The event loop only queues; a virtual thread does the (possibly blocking) writes. The client's
 * half-close closes stdin, which the process sees as EOF.
 */
final class StdinPump implements Exchange.RawInput {
    private static final byte[] EOF = new byte[0];

    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    private StdinPump(OutputStream stdin) {
        Thread.ofVirtual().name("hijack-stdin").start(() -> pump(stdin));
    }

    static StdinPump start(OutputStream stdin) {
        return new StdinPump(stdin);
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
            if (!ended && copy.length > 0) {
                queue.add(copy);
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

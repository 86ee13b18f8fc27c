package berth.build.copy;

import berth.errors.BerthException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Connects a producer writing a stream to a consumer reading it, without holding the whole stream
 * anywhere: the producer runs on a virtual thread and hands over 64 KiB chunks through a small queue.
 * Why not {@link java.io.PipedInputStream}: it polls once a second when empty. A producer that fails
 * makes the consumer's next read fail (so a cut tar is never taken for a whole one); a consumer that
 * stops early makes the producer's next write fail; either way the first error is the one thrown.
 */
final class TarPipe {
    @FunctionalInterface
    interface Producer {
        void write(OutputStream out) throws IOException;
    }

    @FunctionalInterface
    interface Consumer<T> {
        T read(InputStream in) throws IOException;
    }

    private static final int CHUNK = 64 << 10;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(8);
    private final AtomicReference<Throwable> producerError = new AtomicReference<>();
    private volatile boolean consumerClosed;

    private TarPipe() {}

    static <T> T run(Producer producer, Consumer<T> consumer) {
        return new TarPipe().connect(producer, consumer);
    }

    private <T> T connect(Producer producer, Consumer<T> consumer) {
        Thread writer = Thread.ofVirtual().name("copy-tar-producer").start(() -> {
            try {
                ChunkOutput out = new ChunkOutput();
                producer.write(out);
                out.end(); // only a producer that finished marks the end: a failed one's stream is cut
            } catch (Throwable t) {
                producerError.set(t);
                offerEnd();
            }
        });
        T result;
        try (InputStream in = new ChunkInput()) {
            result = consumer.read(in);
        } catch (IOException | RuntimeException | Error e) {
            // a producer's failure is the cause of the consumer's (a cut stream), so it goes first
            Throwable p = joined(writer);
            if (p == null || p instanceof ConsumerGone) {
                throw failure(e);
            }
            RuntimeException f = failure(p);
            f.addSuppressed(e);
            throw f;
        }
        Throwable p = joined(writer);
        if (p != null && !(p instanceof ConsumerGone)) {
            throw failure(p); // the consumer finished (a tar's end marker) before a late producer error
        }
        return result;
    }

    private Throwable joined(Thread writer) {
        consumerClosed = true;
        chunks.clear(); // a producer blocked on a full queue gets room, sees the flag and stops
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BerthException.internal("interrupted while copying files", e);
        }
        return producerError.get();
    }

    private static RuntimeException failure(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t instanceof IOException io) {
            return new UncheckedIOException(io.getMessage(), io);
        }
        return BerthException.internal(t.getMessage(), t);
    }

    private void offerEnd() {
        while (!consumerClosed) {
            try {
                if (chunks.offer(END, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Thrown in the producer when the consumer has stopped reading. */
    private static final class ConsumerGone extends IOException {
        ConsumerGone() {
            super("the reader of the copy stream stopped");
        }
    }

    private final class ChunkOutput extends OutputStream {
        private byte[] buf = new byte[CHUNK];
        private int n;

        @Override
        public void write(int b) throws IOException {
            if (n == buf.length) {
                send();
            }
            buf[n++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (n == buf.length) {
                    send();
                }
                int k = Math.min(len, buf.length - n);
                System.arraycopy(b, off, buf, n, k);
                n += k;
                off += k;
                len -= k;
            }
        }

        private void send() throws IOException {
            if (n == 0) {
                return;
            }
            byte[] chunk = n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
            put(chunk);
            buf = new byte[CHUNK];
            n = 0;
        }

        private void put(byte[] chunk) throws IOException {
            try {
                while (!chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                    if (consumerClosed) {
                        throw new ConsumerGone();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while copying files");
            }
            if (consumerClosed) {
                throw new ConsumerGone();
            }
        }

        void end() throws IOException {
            send();
            put(END);
        }
    }

    private final class ChunkInput extends InputStream {
        private byte[] current = new byte[0];
        private int pos;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos == current.length) {
                if (ended) {
                    return -1;
                }
                byte[] next;
                try {
                    next = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while copying files");
                }
                if (next == END) {
                    ended = true;
                    Throwable p = producerError.get();
                    if (p != null) {
                        throw new IOException("the copy stream was cut: " + p.getMessage(), p);
                    }
                    return -1;
                }
                current = next;
                pos = 0;
            }
            int k = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, k);
            pos += k;
            return k;
        }

        @Override
        public void close() {
            consumerClosed = true;
        }
    }
}

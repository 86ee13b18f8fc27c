package berth.container.local;

import berth.logs.LogEntry;
import berth.logs.LogSource;
import berth.logs.StreamType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An exec process's stdout and stderr as one {@link LogSource}: a virtual thread per pipe reads
 * chunks as they come. The source ends once both pipes are at end of file and the process has
 * exited, so a client that asks for the exit code after the stream has ended always finds it.
 * Pipes are always drained, also when a stream was not asked for or the client has gone, so the
 * process never blocks on a full pipe.
 */
final class ExecOutput implements LogSource {
    private static final LogEntry END = new LogEntry(StreamType.STDIN, Instant.EPOCH, new byte[0]);

    private final LinkedBlockingQueue<LogEntry> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger openPipes = new AtomicInteger(2);
    private volatile boolean closed;

    ExecOutput(InputStream stdout, boolean keepStdout, InputStream stderr, boolean keepStderr,
               CompletableFuture<Integer> exit) {
        Runnable pipeDone = () -> {
            if (openPipes.decrementAndGet() == 0) {
                exit.whenComplete((code, err) -> queue.add(END));
            }
        };
        pump(stdout, StreamType.STDOUT, keepStdout, pipeDone);
        pump(stderr, StreamType.STDERR, keepStderr, pipeDone);
    }

    private void pump(InputStream in, StreamType type, boolean keep, Runnable done) {
        Thread.ofVirtual().name("exec-" + type.name().toLowerCase(java.util.Locale.ROOT)).start(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (keep && !closed) {
                        queue.add(new LogEntry(type, Instant.now(), Arrays.copyOf(buf, n)));
                    }
                }
            } catch (IOException ignored) {
                // the pipe broke: the process is gone
            } finally {
                done.run();
            }
        });
    }

    @Override
    public Optional<LogEntry> next() throws InterruptedException {
        if (closed) {
            return Optional.empty();
        }
        LogEntry e = queue.take();
        if (e == END) {
            queue.add(END);
            return Optional.empty();
        }
        return Optional.of(e);
    }

    @Override
    public void close() {
        closed = true;
        queue.add(END);
    }
}

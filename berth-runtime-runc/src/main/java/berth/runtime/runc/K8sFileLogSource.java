package berth.runtime.runc;

import berth.logs.LogEntry;
import berth.logs.LogOptions;
import berth.logs.LogSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Reads a conmon k8s-file log as {@link LogEntry}s. Filters apply in this order: stream selection,
 * since and until (both inclusive, as Docker's log readers), then tail (the last N of what remains). When following, it
 * keeps reading as the file grows (woken by the directory watcher, not by polling) and ends once
 * {@code exited} has completed and everything written before has been returned: conmon writes the
 * exit file only after flushing the log, so the final drain sees every line.
 */
final class K8sFileLogSource implements LogSource {
    /** Wakes a follower even when an event was missed; inotify normally wakes it at once. */
    private static final long FALLBACK_WAKE_MILLIS = 500;

    private final Path path;
    private final LogOptions options;
    private final CompletableFuture<?> exited;
    private final DirectoryWatcher.Subscription subscription;
    private final Semaphore wake = new Semaphore(0);
    private final Deque<LogEntry> ready = new ArrayDeque<>();
    private volatile boolean closed;
    private FileChannel channel;
    private long position;
    private byte[] pending = new byte[0];
    private boolean initialRead;

    K8sFileLogSource(Path path, LogOptions options, CompletableFuture<?> exited, DirectoryWatcher watcher) {
        this.path = path;
        this.options = options;
        this.exited = exited == null ? CompletableFuture.completedFuture(null) : exited;
        DirectoryWatcher.Subscription s = null;
        if (options.follow()) {
            String name = path.getFileName().toString();
            try {
                s = watcher.subscribe(path.toAbsolutePath().getParent(), changed -> {
                    if (changed == null || changed.equals(name)) {
                        wake.release();
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot watch log " + path, e);
            }
            this.exited.whenComplete((r, t) -> wake.release());
        }
        this.subscription = s;
    }

    @Override
    public Optional<LogEntry> next() throws IOException, InterruptedException {
        try {
            return nextEntry();
        } catch (IOException e) {
            if (closed) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Optional<LogEntry> nextEntry() throws IOException, InterruptedException {
        if (!initialRead) {
            initialRead = true;
            readInitial();
        }
        while (!closed) {
            if (!ready.isEmpty()) {
                return Optional.of(ready.poll());
            }
            if (!options.follow()) {
                return Optional.empty();
            }
            boolean done = exited.isDone();
            wake.drainPermits();
            if (readMore(Integer.MAX_VALUE)) {
                continue;
            }
            if (done) {
                return Optional.empty();
            }
            wake.tryAcquire(FALLBACK_WAKE_MILLIS, TimeUnit.MILLISECONDS);
        }
        return Optional.empty();
    }

    /** Reads what is there now, applying tail; a follower then continues from the end. */
    private void readInitial() throws IOException {
        if (options.tail().isPresent()) {
            int n = options.tail().getAsInt();
            Deque<LogEntry> last = new ArrayDeque<>();
            readMore(Integer.MAX_VALUE);
            while (!ready.isEmpty()) {
                last.add(ready.poll());
                if (last.size() > n) {
                    last.poll();
                }
            }
            ready.addAll(last);
        } else {
            readMore(Integer.MAX_VALUE);
        }
    }

    /** Appends newly complete, matching entries to {@code ready}; true when any was added. */
    private boolean readMore(int limit) throws IOException {
        if (channel == null) {
            try {
                channel = FileChannel.open(path, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return false;
            }
        }
        int before = ready.size();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        while (ready.size() - before < limit) {
            buf.clear();
            int n = channel.read(buf, position);
            if (n <= 0) {
                break;
            }
            position += n;
            byte[] chunk = new byte[pending.length + n];
            System.arraycopy(pending, 0, chunk, 0, pending.length);
            System.arraycopy(buf.array(), 0, chunk, pending.length, n);
            int start = 0;
            for (int i = 0; i < chunk.length; i++) {
                if (chunk[i] == '\n') {
                    K8sLogLine.parse(chunk, start, i).filter(this::wanted).ifPresent(ready::add);
                    start = i + 1;
                }
            }
            pending = Arrays.copyOfRange(chunk, start, chunk.length);
        }
        return ready.size() > before;
    }

    private boolean wanted(LogEntry e) {
        boolean stream = switch (e.stream()) {
            case STDOUT -> options.stdout();
            case STDERR -> options.stderr();
            case STDIN -> false;
        };
        if (!stream) {
            return false;
        }
        if (options.since().isPresent() && e.time().isBefore(options.since().get())) {
            return false;
        }
        return options.until().isEmpty() || !e.time().isAfter(options.until().get());
    }

    @Override
    public void close() {
        closed = true;
        wake.release();
        if (subscription != null) {
            subscription.close();
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // a read-only channel has nothing to flush; the descriptor is released regardless
        }
    }
}

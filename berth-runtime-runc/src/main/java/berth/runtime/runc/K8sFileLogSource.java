package berth.runtime.runc;

import berth.logs.LogEntry;
import berth.logs.LogOptions;
import berth.logs.LogSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Reads a conmon k8s-file log as {@link LogEntry}s. Filters apply in this order: stream selection,
 * since and until (both inclusive, as Docker's log readers), then tail (the last N of what remains). When following, it
 * keeps reading as the file grows (woken by the directory watcher, not by polling) and ends once
 * {@code exited} has completed and everything written before has been returned: conmon writes the
 * exit file only after flushing the log, so the final drain sees every line. A follower follows the
 * spool's rotations ({@link K8sFileSpool}): once another file is at the path and the open one is read to
 * its end, it goes on with the new file from its start.
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
    private final K8sLogLine.Parser parser = new K8sLogLine.Parser();
    private volatile boolean closed;
    private FileChannel channel;
    private long channelInode;
    /** Rotated files up to this sequence number were written before the open file's successor. */
    private long seqFloor;
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
        try {
            // The file is opened now, not at the first next(): a rotation in between must not hide the file that
            // was current when the reader was made. And "only what comes from now on" (tail 0) means from now:
            // an attach made before a start reads its first output only after the start.
            readMore(0);
            if (options.tail().isPresent() && options.tail().getAsInt() == 0) {
                initialRead = true;
                readInitial();
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot read log " + path, e);
        }
    }

    @Override
    public boolean ready() {
        return !ready.isEmpty();
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
            if (followRotation()) {
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
            // absent for a moment while a rotation replaces the file
            Optional<LogFileIdentity.Opened> opened = LogFileIdentity.open(path);
            if (opened.isEmpty()) {
                return false;
            }
            channel = opened.get().channel();
            channelInode = opened.get().inode();
            seqFloor = olderRotations(channelInode);
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
                    LogEntry e = parser.parse(chunk, start, i);
                    if (e != null && wanted(e)) {
                        ready.add(e);
                    }
                    start = i + 1;
                }
            }
            pending = Arrays.copyOfRange(chunk, start, chunk.length);
        }
        return ready.size() > before;
    }

    /**
     * At the end of the open file: when another file is at the path, the open one is complete (conmon
     * writes only to the newest); what was still written to it is taken, then reading starts over.
     */
    private boolean followRotation() throws IOException {
        if (channel == null) {
            return false;
        }
        OptionalLong live = LogFileIdentity.inode(path);
        if (live.isEmpty() || live.getAsLong() == channelInode) {
            return false;
        }
        readMore(Integer.MAX_VALUE);
        Optional<Successor> next = successor();
        channel.close();
        channel = null;
        position = 0;
        pending = new byte[0];
        if (next.isPresent()) {
            channel = next.get().opened().channel();
            channelInode = next.get().opened().inode();
            seqFloor = next.get().seq();
        }
        return true;
    }

    private record Successor(LogFileIdentity.Opened opened, long seq) {}

    /** The highest sequence number of the rotated files there are besides the one open. */
    private long olderRotations(long openInode) throws IOException {
        long max = 0;
        for (RotatedLogFiles.Rotated r : RotatedLogFiles.list(path)) {
            if (LogFileIdentity.inode(r.path()).orElse(openInode) != openInode) {
                max = Math.max(max, r.seq());
            }
        }
        return max;
    }

    /**
     * The file written after the open one: the next rotated file when a slow follower is more than one
     * rotation behind, else the file at the path. Rotated files a spool reader has already deleted are
     * gone for a follower too. The path is opened before the directory is listed, so a file rotated in
     * between is listed.
     */
    private Optional<Successor> successor() throws IOException {
        Optional<LogFileIdentity.Opened> live = LogFileIdentity.open(path);
        long liveInode = live.map(LogFileIdentity.Opened::inode).orElse(-1L);
        long floor = seqFloor;
        for (RotatedLogFiles.Rotated r : RotatedLogFiles.list(path)) {
            long inode = LogFileIdentity.inode(r.path()).orElse(-1);
            if (r.seq() <= seqFloor || inode < 0 || inode == liveInode) {
                continue;
            }
            if (inode == channelInode) {
                floor = Math.max(floor, r.seq());
                continue;
            }
            Optional<LogFileIdentity.Opened> o = LogFileIdentity.open(r.path());
            if (o.isPresent() && o.get().inode() == inode) {
                live.ifPresent(LogFileIdentity.Opened::closeQuietly);
                return Optional.of(new Successor(o.get(), r.seq()));
            }
            o.ifPresent(LogFileIdentity.Opened::closeQuietly);
        }
        return live.isEmpty() ? Optional.empty() : Optional.of(new Successor(live.get(), floor));
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

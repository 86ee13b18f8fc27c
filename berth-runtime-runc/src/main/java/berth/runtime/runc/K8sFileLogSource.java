package berth.runtime.runc;

import berth.logs.LogEntry;
import berth.logs.LogOptions;
import berth.logs.LogSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Reads a conmon k8s-file log as {@link LogEntry}s. Filters apply in this order: stream selection,
 * since and until (both inclusive, as Docker's log readers), then tail (the last N of what remains). Lines are cut as
 * the spool's ({@link K8sLogChunks}). Without following it returns the lines the file held when it began. When following, it
 * keeps reading as the file grows (woken by the directory watcher, not by polling) and ends once
 * {@code exited} has completed and everything written before has been returned: conmon writes the
 * exit file only after flushing the log, so the final drain sees every line. A follower follows the
 * spool's rotations ({@link K8sFileSpool}): once another file is at the path and the open one is read to
 * its end, it goes on with the new file from its start.
 */
final class K8sFileLogSource implements LogSource {
    /** Wakes a follower even when an event was missed; inotify normally wakes it at once. */
    private static final long FALLBACK_WAKE_MILLIS = 500;
    /** A reader per attach and per logs request: a smaller buffer than the spool's. */
    private static final int CHUNK = 64 * 1024;

    private final Path path;
    private final LogOptions options;
    private final CompletableFuture<?> exited;
    private final DirectoryWatcher.Subscription subscription;
    private final Semaphore wake = new Semaphore(0);
    /** Entries already taken from the file: the tail, or one read ahead. */
    private final Deque<LogEntry> ready = new ArrayDeque<>();
    private final K8sLogChunks chunks = new K8sLogChunks(CHUNK);
    private volatile boolean closed;
    private FileChannel channel;
    private long channelInode;
    /** Rotated files up to this sequence number were written before the open file's successor. */
    private long seqFloor;
    private boolean initialRead;
    /** For a reader that does not follow: the file's length when it began; lines that start later are not its. */
    private long stopAt = Long.MAX_VALUE;

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
            openPath();
            if (options.tail().isPresent() && options.tail().getAsInt() == 0) {
                initialRead = true;
                keepLast(0);
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot read log " + path, e);
        }
    }

    /** Whether an entry is at hand: one already read from the file, not one still to be read. */
    @Override
    public boolean ready() {
        if (ready.isEmpty() && channel != null && !closed) {
            LogEntry e = nextBuffered();
            if (e != null) {
                ready.add(e);
            }
        }
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
            if (!options.follow() && (channel != null || openPath())) {
                stopAt = channel.size();
            }
            if (options.tail().isPresent()) {
                keepLast(options.tail().getAsInt());
            }
        }
        while (!closed) {
            if (!ready.isEmpty()) {
                return Optional.of(ready.poll());
            }
            // Sampled before the read: output written before the exit is read before giving up.
            boolean done = exited.isDone();
            wake.drainPermits();
            LogEntry e = readNext();
            if (e != null) {
                return Optional.of(e);
            }
            if (!options.follow()) {
                return Optional.empty();
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

    /** Reads the open file to its end, keeping only its last {@code n} entries for {@code next}. */
    private void keepLast(int n) throws IOException {
        LogEntry e;
        while ((e = readNext()) != null) {
            if (ready.size() == n) {
                ready.poll();
            }
            if (n > 0) {
                ready.add(e);
            }
        }
    }

    /** The next matching entry of the open file (the one at the path when none is open); null at its end for now. */
    private LogEntry readNext() throws IOException {
        if (channel == null && !openPath()) {
            return null;
        }
        while (true) {
            LogEntry e = nextBuffered();
            if (e != null) {
                return e;
            }
            if (chunks.consumed() >= stopAt || chunks.fill(channel) == 0) {
                return null;
            }
        }
    }

    /** The next matching entry of the lines read so far, or null. */
    private LogEntry nextBuffered() {
        LogEntry e;
        while (chunks.consumed() < stopAt && (e = chunks.next()) != null) {
            if (wanted(e)) {
                return e;
            }
        }
        return null;
    }

    /** Opens the file at the path; false while there is none (for a moment while a rotation replaces it). */
    private boolean openPath() throws IOException {
        Optional<LogFileIdentity.Opened> opened = LogFileIdentity.open(path);
        if (opened.isEmpty()) {
            return false;
        }
        use(opened.get(), olderRotations(opened.get().inode()));
        return true;
    }

    private void use(LogFileIdentity.Opened opened, long floor) {
        channel = opened.channel();
        channelInode = opened.inode();
        seqFloor = floor;
        chunks.reset(0);
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
        LogEntry last = readNext();
        if (last == null && chunks.hasRemainder()) {
            // a writer that died mid-line left its last line without the newline
            last = chunks.takeRemainder();
        }
        if (last != null && wanted(last)) {
            ready.add(last);
            return true;
        }
        Optional<Successor> next = successor();
        channel.close();
        channel = null;
        next.ifPresent(s -> use(s.opened(), s.seq()));
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

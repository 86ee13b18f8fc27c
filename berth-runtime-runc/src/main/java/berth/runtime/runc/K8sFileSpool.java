package berth.runtime.runc;

import berth.logs.LogEntry;
import berth.logs.LogSpool;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * conmon's k8s-file at {@code P} as a {@link LogSpool}.
 *
 * <h2>Files</h2>
 * <pre>
 *   P           the file conmon writes
 *   P.&lt;seq&gt;     rotated files not yet read to their end, older first (seq increases)
 *   P.cursor    "&lt;inode&gt; &lt;offset&gt;": the file being read and the offset after the last acknowledged entry
 * </pre>
 *
 * <h2>Rotation</h2>
 * Once the reader is past the threshold in {@code P} and conmon runs (its ctl FIFO exists), the file is
 * hard-linked to {@code P.<seq>} and conmon is asked to reopen its log ({@link ConsoleControl#reopenLogs}):
 * it creates {@code P.tmp} and renames it over {@code P}. conmon is single-threaded, so once another inode
 * is at {@code P} nothing more is written to the old one: the reader reads it to its end, persists a cursor
 * naming the new file and deletes the old name. A link rather than a rename keeps {@code P} present for
 * other readers, and a crash between link and request leaves two names of one file, which a restarted
 * reader recognises by inode instead of losing track of the file conmon still writes.
 *
 * <h2>Resuming</h2>
 * Files are ordered rotated-by-seq, then {@code P}. Reading resumes in the file the cursor names at its
 * offset; files before it were read (the cursor only moves forward and is persisted before a file is
 * deleted) and are deleted. A cursor naming no file starts at the oldest file: a few lines may repeat
 * after a crash, none is lost.
 */
final class K8sFileSpool implements LogSpool {
    static final long DEFAULT_ROTATE_BYTES = 8L << 20;
    /** The cursor is forced to disk at most this often while reading without pause. */
    private static final long PERSIST_EVERY_BYTES = 4L << 20;
    /** See {@link #askAt}: how many thresholds a linked file may grow before its rotation is asked again. */
    static final int UNASKED_LINK_FACTOR = 4;
    /** Wakes a blocked reader even when an event was missed; inotify normally wakes it at once. */
    private static final long FALLBACK_WAKE_MILLIS = 500;
    private static final System.Logger LOG = System.getLogger(K8sFileSpool.class.getName());

    private final Path path;
    private final Path dir;
    private final String name;
    private final Path cursorFile;
    private final Supplier<Path> controlFifo;
    private final long rotateBytes;
    private final DirectoryWatcher.Subscription subscription;
    private final Semaphore wake = new Semaphore(0);
    /** Held by the reader except while it waits, so close() never races a read. */
    private final ReentrantLock lock = new ReentrantLock();
    private final K8sLogChunks chunks = new K8sLogChunks();
    /** Rotated files after the current one, oldest first (only after a restart). */
    private final Deque<Generation> later = new ArrayDeque<>();
    private volatile boolean closed;
    private boolean released;
    private boolean discarded;
    /** The file being read; null until P first exists. */
    private Generation current;
    private FileChannel channel;
    /**
     * The read offset in the current file at which to ask conmon for a new one: the threshold, or, for a
     * file found under its rotated name while P is still the same file, a far larger one. There an earlier
     * reader linked it and asked, and conmon may not have got to it yet; asking twice for one rotation
     * could make conmon rename a second new file over the first before anyone opened it, losing what it
     * held. Only a file grown that far means the request never arrived (a reader stopped between the link
     * and the request).
     */
    private long askAt;
    /** conmon was asked to move on from the current file: this reader never asks twice. */
    private boolean asked;
    /** The offset in the current file after the acknowledged entries. */
    private long acked;
    /** The offset after the entry last returned, until the next call acknowledges it; -1 when none. */
    private long returnedEnd = -1;
    private SpoolCursor persisted;
    /** An entry {@link #buffered} took from the chunk; {@link #next} returns it first. */
    private LogEntry peeked;
    private long nextSeq;
    private CompletableFuture<?> watchedEnd;
    private int rotations;

    /** One file of the spool: its current name and inode. */
    private record Generation(Path path, long inode) {}

    /**
     * @param controlFifo conmon's ctl FIFO while conmon runs, else null (then the spool is not rotated)
     */
    K8sFileSpool(Path path, Supplier<Path> controlFifo, DirectoryWatcher watcher, long rotateBytes) throws IOException {
        this.path = path.toAbsolutePath();
        this.dir = this.path.getParent();
        this.name = this.path.getFileName().toString();
        this.cursorFile = dir.resolve(name + ".cursor");
        this.controlFifo = controlFifo;
        this.rotateBytes = rotateBytes;
        this.subscription = watcher.subscribe(dir, changed -> {
            if (changed == null || changed.equals(name)) {
                wake.release();
            }
        });
        try {
            resume();
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
        }
    }

    /** Rotations asked of conmon by this reader (for tests). */
    int rotations() {
        lock.lock();
        try {
            return rotations;
        } finally {
            lock.unlock();
        }
    }

    private void resume() throws IOException {
        List<Generation> files = new ArrayList<>();
        for (Rotated r : rotatedFiles()) {
            files.add(r.generation());
            nextSeq = Math.max(nextSeq, r.seq() + 1);
        }
        nextSeq = Math.max(nextSeq, 1);
        OptionalLong live = LogFileIdentity.inode(path);
        if (live.isPresent()) {
            files.add(new Generation(path, live.getAsLong()));
        }
        int start = 0;
        long offset = 0;
        Optional<SpoolCursor> cursor = SpoolCursor.read(cursorFile);
        if (cursor.isPresent()) {
            for (int i = 0; i < files.size(); i++) {
                if (files.get(i).inode() == cursor.get().inode()) {
                    if (cursor.get().offset() <= Files.size(files.get(i).path())) {
                        start = i;
                        offset = cursor.get().offset();
                        persisted = cursor.get();
                    }
                    break;
                }
            }
        }
        for (int i = 0; i < start; i++) {
            Files.deleteIfExists(files.get(i).path());
        }
        for (int i = start + 1; i < files.size(); i++) {
            if (!files.get(i).path().equals(path)) {
                later.add(files.get(i));
            }
        }
        if (start < files.size()) {
            Generation g = files.get(start);
            FileChannel ch = FileChannel.open(g.path());
            if (LogFileIdentity.inode(g.path()).orElse(-1) != g.inode()) {
                // P was replaced while we looked (a rotation asked by an earlier reader): look again
                ch.close();
                later.clear();
                persisted = null;
                resume();
                return;
            }
            use(g, ch, offset);
        }
    }

    private record Rotated(long seq, Generation generation) {}

    private List<Rotated> rotatedFiles() throws IOException {
        List<Rotated> out = new ArrayList<>();
        for (RotatedLogFiles.Rotated r : RotatedLogFiles.list(path)) {
            OptionalLong ino = LogFileIdentity.inode(r.path());
            if (ino.isPresent()) {
                out.add(new Rotated(r.seq(), new Generation(r.path(), ino.getAsLong())));
            }
        }
        return out;
    }

    private void use(Generation g, FileChannel ch, long offset) {
        current = g;
        channel = ch;
        chunks.reset(offset);
        acked = offset;
        askAt = g.path().equals(path) ? rotateBytes : UNASKED_LINK_FACTOR * rotateBytes;
        asked = false;
    }

    @Override
    public Optional<LogEntry> next(CompletableFuture<?> end) throws IOException, InterruptedException {
        lock.lockInterruptibly();
        try {
            if (closed) {
                return Optional.empty();
            }
            if (end != watchedEnd) {
                watchedEnd = end;
                end.whenComplete((r, t) -> wake.release());
            }
            if (returnedEnd >= 0) {
                acked = returnedEnd;
                returnedEnd = -1;
            }
            while (!closed) {
                if (current != null) {
                    LogEntry e = peeked != null ? peeked : chunks.next();
                    peeked = null;
                    if (e != null) {
                        returnedEnd = chunks.consumed();
                        return Optional.of(e);
                    }
                }
                // Sampled before the last read: output written before the exit is read before giving up.
                boolean ended = end.isDone();
                wake.drainPermits();
                if (current == null && !openLive()) {
                    if (ended) {
                        return Optional.empty();
                    }
                    await();
                    continue;
                }
                // Every entry at hand was returned and acknowledged, and a caller that batches has flushed (it saw
                // buffered() false): the position may be persisted now without covering a batched entry.
                if (persisted == null || persisted.inode() != current.inode() || acked - persisted.offset() >= PERSIST_EVERY_BYTES) {
                    persist();
                }
                if (chunks.fill(channel) > 0) {
                    maybeRotate();
                    continue;
                }
                // At the end of the current file, with every entry returned so far acknowledged.
                acked = chunks.consumed();
                maybeRotate();
                Optional<Generation> newer = newer();
                if (newer.isPresent()) {
                    // conmon writes no more to this file; what it wrote before moving on is read first
                    if (chunks.fill(channel) > 0) {
                        continue;
                    }
                    if (chunks.hasRemainder()) {
                        LogEntry last = chunks.takeRemainder();
                        if (last != null) {
                            returnedEnd = chunks.consumed();
                            return Optional.of(last);
                        }
                        acked = chunks.consumed();
                    }
                    moveTo(newer.get());
                    continue;
                }
                persist();
                if (ended) {
                    return Optional.empty();
                }
                await();
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean buffered() {
        lock.lock();
        try {
            if (peeked == null && current != null && !closed) {
                peeked = chunks.next();
            }
            return peeked != null;
        } finally {
            lock.unlock();
        }
    }

    private void await() throws InterruptedException {
        lock.unlock();
        try {
            wake.tryAcquire(FALLBACK_WAKE_MILLIS, TimeUnit.MILLISECONDS);
        } finally {
            lock.lock();
        }
    }

    private boolean openLive() throws IOException {
        Optional<LogFileIdentity.Opened> o = LogFileIdentity.open(path);
        if (o.isEmpty()) {
            return false;
        }
        use(new Generation(path, o.get().inode()), o.get().channel(), 0);
        return true;
    }

    /** The file after the current one, when there is one: its existence means the current one is complete. */
    private Optional<Generation> newer() throws IOException {
        if (!later.isEmpty()) {
            return Optional.of(later.peek());
        }
        OptionalLong live = LogFileIdentity.inode(path);
        if (live.isPresent() && live.getAsLong() != current.inode()) {
            return Optional.of(new Generation(path, live.getAsLong()));
        }
        return Optional.empty();
    }

    private void moveTo(Generation next) throws IOException {
        Optional<LogFileIdentity.Opened> o = LogFileIdentity.open(next.path());
        if (o.isEmpty()) {
            throw new IOException("log file " + next.path() + " vanished while it was unread");
        }
        if (!later.isEmpty() && later.peek() == next) {
            later.poll();
        }
        Generation old = current;
        FileChannel oldChannel = channel;
        use(new Generation(next.path(), o.get().inode()), o.get().channel(), 0);
        persist();
        oldChannel.close();
        if (!old.path().equals(path)) {
            Files.deleteIfExists(old.path());
        }
    }

    /** Asks conmon for a new file once the reader is past the threshold in the file conmon writes. */
    private void maybeRotate() throws IOException {
        if (asked || !later.isEmpty() || chunks.readOffset() < askAt) {
            return;
        }
        Path fifo = controlFifo.get();
        if (fifo == null || !Files.exists(fifo)) {
            return;
        }
        Path linked = null;
        if (current.path().equals(path)) {
            linked = link();
            if (linked == null) {
                return;
            }
        } else if (LogFileIdentity.inode(path).orElse(-1) != current.inode()) {
            return; // conmon has moved on: the newer file is read next
        }
        if (!ConsoleControl.reopenLogs(fifo)) {
            if (linked != null) {
                // conmon has gone: P stays as it is
                Files.deleteIfExists(linked);
                current = new Generation(path, current.inode());
            }
            return;
        }
        asked = true;
        rotations++;
    }

    /** A second name for the current file, so it keeps one once conmon renames a new file over P. */
    private Path link() throws IOException {
        while (true) {
            Path rotated = RotatedLogFiles.name(path, nextSeq++);
            try {
                Files.createLink(rotated, path);
            } catch (FileAlreadyExistsException e) {
                continue;
            } catch (NoSuchFileException e) {
                // P is never absent, but a lookup racing conmon's rename over it can miss it (seen on ext4): try
                // at the next read
                nextSeq--;
                return null;
            }
            if (LogFileIdentity.inode(rotated).orElse(-1) != current.inode()) {
                Files.deleteIfExists(rotated);
                return null;
            }
            current = new Generation(rotated, current.inode());
            return rotated;
        }
    }

    private void persist() throws IOException {
        if (discarded || current == null) {
            return;
        }
        SpoolCursor c = new SpoolCursor(current.inode(), acked);
        if (!c.equals(persisted)) {
            c.write(cursorFile);
            persisted = c;
        }
    }

    @Override
    public void discard() throws IOException {
        closed = true;
        wake.release();
        lock.lock();
        try {
            discarded = true;
            release();
            for (Rotated r : rotatedFiles()) {
                Files.deleteIfExists(r.generation().path());
            }
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir.resolve(name + ".tmp"));
            Files.deleteIfExists(cursorFile);
            Files.deleteIfExists(cursorFile.resolveSibling(cursorFile.getFileName() + ".tmp"));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        wake.release();
        lock.lock();
        try {
            if (released) {
                return;
            }
            try {
                persist();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot save the read position of log " + path
                        + "; lines since the last saved position will be shipped again: " + e.getMessage());
            }
            release();
        } finally {
            lock.unlock();
        }
    }

    private void release() {
        if (released) {
            return;
        }
        released = true;
        subscription.close();
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // a read-only channel has nothing to flush; the descriptor is released regardless
        }
    }
}

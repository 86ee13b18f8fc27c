package berth.logging.logfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The writer of one container's rotated log files, and the place its readers learn where to read
 * (see the package doc for the layout and the generation numbers). One thread writes; any number read.
 */
public final class RotatingLogFile implements AutoCloseable {
    /** Docker's 0640: the daemon's group may read container logs, others not. */
    private static final Set<PosixFilePermission> PERMS = PosixFilePermissions.fromString("rw-r-----");
    private static final int BATCH_BYTES = 256 * 1024;

    private final Path path;
    private final RotationPolicy policy;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private FileChannel out;
    /** Bytes of complete records in the live file: what readers may read (the batch is not there yet). */
    private long size;
    /** Records written but not yet in the file; {@link #flush} writes them (one syscall instead of one per line). */
    private ByteBuffer batch;
    /** Followers waiting in {@link #awaitChange}. */
    private int waiting;
    private long generation;
    private boolean closed;
    private Instant lastTimestamp = Instant.EPOCH;
    private Thread compressor;
    private volatile IOException compressFailure;

    private RotatingLogFile(Path path, RotationPolicy policy, FileChannel out, long size, boolean closed) {
        this.path = path;
        this.policy = policy;
        this.out = out;
        this.size = size;
        this.closed = closed;
    }

    /**
     * Opens (creating it, mode 0640) the live file at {@code path} for appending; rotated files already there
     * are kept. A record torn by a crash at the end of the file is cut off first, so what follows stays readable.
     */
    public static RotatingLogFile open(Path path, RotationPolicy policy, RecordFormat format) throws IOException {
        FileChannel out = openForWrite(path, StandardOpenOption.APPEND);
        try {
            long size = out.size();
            long complete = size;
            if (size > 0) {
                try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
                    complete = format.completeLength(in, size);
                }
            }
            if (complete < size) {
                System.getLogger(RotatingLogFile.class.getName()).log(System.Logger.Level.WARNING,
                        "log " + path + " ends in a torn record; cutting " + (size - complete) + " bytes");
                out.truncate(complete);
            }
            return new RotatingLogFile(path, policy, out, out.size(), false);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /**
     * The files at {@code path} with no writer (a container whose driver is not open), for reading only: the
     * state is closed from the start, so a {@link LogFileReader} returns what the files hold and ends, followers
     * included. A record torn at the end of the live file is not returned (nothing is cut: the file is not ours
     * to change). NoSuchFileException when there is no live file.
     */
    public static RotatingLogFile openReadOnly(Path path, RotationPolicy policy) throws IOException {
        return new RotatingLogFile(path, policy, null, Files.size(path), true);
    }

    public Path path() {
        return path;
    }

    public RotationPolicy policy() {
        return policy;
    }

    /** Appends one encoded record, rotating first when the live file is full. */
    public void write(ByteBuffer record, Instant timestamp) throws IOException {
        lock.lock();
        try {
            if (closed) {
                throw new IOException("cannot write because the output file was closed");
            }
            if (batch == null) {
                batch = ByteBuffer.allocateDirect(BATCH_BYTES); // a writer's only: read-only views never write
            }
            if (policy.maxSize().isPresent() && size + batch.position() >= policy.maxSize().getAsLong()) {
                writeBatch();
                rotate();
            }
            if (record.remaining() > batch.remaining()) {
                writeBatch();
            }
            if (record.remaining() > batch.capacity()) {
                while (record.hasRemaining()) {
                    size += out.write(record);
                }
                changed.signalAll();
            } else {
                batch.put(record);
                if (waiting > 0) {
                    writeBatch(); // a follower waits: it gets the line now, not with the next batch
                }
            }
            lastTimestamp = timestamp;
        } finally {
            lock.unlock();
        }
    }

    /** Writes the batched records to the file and wakes followers. */
    public void flush() throws IOException {
        lock.lock();
        try {
            if (!closed) {
                writeBatch();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A reader that has caught up does not wait for records in the batch: they are written now. Under the lock. */
    private void flushForReaders() {
        if (closed) {
            return;
        }
        try {
            writeBatch();
        } catch (IOException e) {
            System.getLogger(RotatingLogFile.class.getName()).log(System.Logger.Level.WARNING,
                    "log " + path + ": cannot write the batched lines: " + e.getMessage());
        }
    }

    /** Called under the lock. */
    private void writeBatch() throws IOException {
        if (batch == null || batch.position() == 0) {
            return;
        }
        batch.flip();
        try {
            while (batch.hasRemaining()) {
                size += out.write(batch);
            }
        } finally {
            batch.clear();
        }
        changed.signalAll();
    }

    private void rotate() throws IOException {
        awaitCompression();
        out.close();
        int keep = policy.maxFiles();
        String gz = policy.compress() ? ".gz" : "";
        boolean moved = false;
        try {
            if (keep >= 2) {
                Files.deleteIfExists(rotated(keep - 1, gz));
                for (int i = keep - 1; i > 1; i--) {
                    moveIfExists(rotated(i - 1, gz), rotated(i, gz));
                }
                moveIfExists(path, rotated(1, ""));
                moved = true;
            } else {
                // readers still hold the old file open; unlinking it lets them finish it
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // as dockerd: the container keeps logging into a fresh file; what could not be moved is lost
            System.getLogger(RotatingLogFile.class.getName())
                    .log(System.Logger.Level.WARNING, "rotating log " + path + " failed, log data may have been lost", e);
            moved = false;
        }
        out = openForWrite(path, StandardOpenOption.TRUNCATE_EXISTING);
        size = 0;
        generation++;
        if (policy.compress() && moved) {
            Path source = rotated(1, "");
            Path target = rotated(1, ".gz");
            Instant last = lastTimestamp;
            compressor = Thread.ofVirtual().name("log-compress").start(() -> {
                try {
                    GzipFiles.compress(source, target, last);
                } catch (IOException e) {
                    compressFailure = e;
                }
            });
        }
    }

    /** The next rotation renames {@code .1.gz}, so it waits for that file to be complete, as Docker's does. */
    private void awaitCompression() throws IOException {
        if (compressor != null) {
            boolean interrupted = false;
            while (true) {
                try {
                    compressor.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            compressor = null;
        }
        IOException failure = compressFailure;
        if (failure != null) {
            compressFailure = null;
            // the uncompressed file stays in place; readers find it under its plain name
            System.getLogger(RotatingLogFile.class.getName())
                    .log(System.Logger.Level.WARNING, "compressing rotated log " + path + ".1 failed", failure);
        }
    }

    private Path rotated(long index, String suffix) {
        return path.resolveSibling(path.getFileName() + "." + index + suffix);
    }

    private static void moveIfExists(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            // nothing at that index yet
        }
    }

    private static FileChannel openForWrite(Path path, StandardOpenOption mode) throws IOException {
        FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode),
                PosixFilePermissions.asFileAttribute(PERMS));
        restrict(path);
        return channel;
    }

    static void restrict(Path path) throws IOException {
        Files.setPosixFilePermissions(path, PERMS);
    }

    /** Where the writer is: the live file's generation and how many bytes of it are complete records. */
    public record State(long generation, long size, boolean closed) {}

    /** Where the writer is, for a reader: batched records are written first, so the state covers all logged. */
    public State state() {
        lock.lock();
        try {
            flushForReaders();
            return new State(generation, size, closed);
        } finally {
            lock.unlock();
        }
    }

    /** Blocks until the writer moved past {@code seen}, closed, or {@code stop} holds (checked on each {@link #wakeReaders}). */
    void awaitChange(State seen, BooleanSupplier stop) throws InterruptedException {
        lock.lock();
        try {
            flushForReaders();
            while (!closed && generation == seen.generation() && size == seen.size() && !stop.getAsBoolean()) {
                waiting++;
                try {
                    changed.await();
                } finally {
                    waiting--;
                }
                flushForReaders();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting reader (a reader being closed). */
    void wakeReaders() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** What a reader starts from: the rotated files (oldest first) and the live one, with the state they match. */
    record Snapshot(List<Segment> rotated, Segment live, State state) {}

    Snapshot snapshot() throws IOException {
        lock.lock();
        List<Segment> opened = new ArrayList<>();
        try {
            if (!closed) {
                writeBatch(); // a reader sees every record written before it came
            }
            for (int k = policy.maxFiles() - 1; k >= 1; k--) {
                openRotated(k).ifPresent(opened::add);
            }
            Segment live = new Segment(generation, FileChannel.open(path, StandardOpenOption.READ), false);
            return new Snapshot(List.copyOf(opened), live, new State(generation, size, closed));
        } catch (IOException | RuntimeException e) {
            for (Segment s : opened) {
                s.close();
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The file of generation {@code wanted}, or, when that one is already gone (the reader fell more than
     * {@code max-file} rotations behind), the oldest file still there.
     */
    Segment openGeneration(long wanted) throws IOException {
        lock.lock();
        try {
            long k = Math.min(generation - wanted, policy.maxFiles() - 1L);
            for (; k >= 1; k--) {
                Optional<Segment> s = openRotated(k);
                if (s.isPresent()) {
                    return s.get();
                }
            }
            return new Segment(generation, FileChannel.open(path, StandardOpenOption.READ), false);
        } finally {
            lock.unlock();
        }
    }

    /** Rotated file {@code k} under its plain name (not compressed yet) or its {@code .gz} name; called under the lock. */
    private Optional<Segment> openRotated(long k) throws IOException {
        long gen = generation - k;
        try {
            return Optional.of(new Segment(gen, FileChannel.open(rotated(k, ""), StandardOpenOption.READ), false));
        } catch (NoSuchFileException e) {
            // compressed already (the compressor deletes the plain file only once the .gz is complete), or absent
        }
        try {
            return Optional.of(new Segment(gen, FileChannel.open(rotated(k, ".gz"), StandardOpenOption.READ), true));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Waits for a running compression, closes the live file and ends followers once they have read everything. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            try {
                writeBatch();
            } catch (IOException e) {
                System.getLogger(RotatingLogFile.class.getName()).log(System.Logger.Level.WARNING,
                        "log " + path + ": the last lines could not be written", e);
            }
            closed = true;
            awaitCompression();
            out.close();
            changed.signalAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close log " + path, e);
        } finally {
            lock.unlock();
        }
    }
}

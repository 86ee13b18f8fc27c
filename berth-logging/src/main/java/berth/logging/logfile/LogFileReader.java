package berth.logging.logfile;

import berth.logs.LogEntry;
import berth.logs.LogOptions;
import berth.logs.LogSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads a {@link RotatingLogFile} for {@code docker logs}: the rotated files oldest first, then the live
 * one; when following, on through later rotations until the writer is closed or the read's end signal has
 * completed (the container exited), and everything written before that has been returned.
 *
 * <p>As Docker's file readers: {@code tail} counts the last N records across files (before the stream
 * and time filters, which dockerd also applies afterwards); {@code since} skips earlier records (the
 * bound is inclusive); the first record after {@code until} ends the read. Partial pieces come back one
 * entry each, as written.
 */
public final class LogFileReader implements LogSource {
    private static final int CHUNK = 256 * 1024;

    private final RotatingLogFile file;
    private final RecordFormat format;
    private final LogOptions options;
    private final CompletableFuture<?> endSignal;
    private final Deque<LogEntry> ready = new ArrayDeque<>();
    private final Deque<Part> parts = new ArrayDeque<>();
    private final List<Segment> opened = new ArrayList<>();
    private volatile boolean closed;
    private boolean ended;
    private Cursor follow;
    private byte[] buf = new byte[CHUNK];
    private int start;
    private int end;

    private LogFileReader(RotatingLogFile file, RecordFormat format, LogOptions options, CompletableFuture<?> end) {
        this.file = file;
        this.format = format;
        this.options = options;
        this.endSignal = end;
    }

    /**
     * A reader of what {@code file} holds now and, when following, of what comes later, until {@code end} has
     * completed (or the writer is closed) and everything written before that has been returned.
     */
    public static LogFileReader open(RotatingLogFile file, RecordFormat format, LogOptions options,
                                     CompletableFuture<?> end) throws IOException {
        LogFileReader reader = new LogFileReader(file, format, options, end);
        try {
            reader.begin();
        } catch (IOException | RuntimeException e) {
            reader.release();
            throw e;
        }
        if (options.follow() && !end.isDone()) {
            // a follower waiting for the writer learns of the end at once
            end.whenComplete((v, e) -> file.wakeReaders());
        }
        return reader;
    }

    @Override
    public boolean ready() {
        return !ready.isEmpty();
    }

    @Override
    public Optional<LogEntry> next() throws IOException, InterruptedException {
        try {
            while (!closed) {
                if (!ready.isEmpty()) {
                    return Optional.of(ready.poll());
                }
                if (ended) {
                    break;
                }
                advance();
            }
            release();
            return Optional.empty();
        } catch (IOException e) {
            if (closed) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** What the read covers of the past: cursors over byte ranges, or entries already decoded (tail of a .gz). */
    private sealed interface Part permits Range, Decoded {}

    private record Range(Cursor cursor) implements Part {}

    private record Decoded(Deque<LogEntry> entries) implements Part {}

    private void begin() throws IOException {
        RotatingLogFile.Snapshot snap = file.snapshot();
        synchronized (opened) {
            opened.addAll(snap.rotated());
            opened.add(snap.live());
        }
        long liveSize = snap.state().size();
        List<Segment> rotated = snap.rotated();
        if (options.since().isPresent()) {
            // like dockerd: a compressed file whose last record is older than --since, and every older file, is skipped
            for (int i = rotated.size() - 1; i >= 0; i--) {
                Segment s = rotated.get(i);
                if (s.compressed() && GzipFiles.lastTime(s.channel()).filter(t -> t.isBefore(options.since().get())).isPresent()) {
                    rotated = rotated.subList(i + 1, rotated.size());
                    break;
                }
            }
        }
        if (options.tail().isEmpty()) {
            for (Segment s : rotated) {
                parts.add(new Range(new Cursor(s, 0, Long.MAX_VALUE)));
            }
            parts.add(new Range(new Cursor(snap.live(), 0, liveSize)));
        } else {
            int remaining = options.tail().getAsInt();
            List<Segment> newestFirst = new ArrayList<>(rotated.reversed());
            newestFirst.addFirst(snap.live());
            for (Segment s : newestFirst) {
                if (remaining <= 0) {
                    break;
                }
                if (s.compressed()) {
                    Deque<LogEntry> last = lastOf(new Cursor(s, 0, Long.MAX_VALUE), remaining);
                    remaining -= last.size();
                    parts.addFirst(new Decoded(last));
                } else {
                    long size = s == snap.live() ? liveSize : s.channel().size();
                    RecordFormat.TailStart t = format.tailStart(s.channel(), size, remaining);
                    remaining -= t.found();
                    parts.addFirst(new Range(new Cursor(s, t.offset(), size)));
                }
            }
        }
        if (options.follow()) {
            follow = new Cursor(snap.live(), liveSize, liveSize);
        }
    }

    /** Decodes a whole (compressed) file keeping only its last {@code n} entries. */
    private Deque<LogEntry> lastOf(Cursor cursor, int n) throws IOException {
        Deque<LogEntry> last = new ArrayDeque<>();
        resetBuffer();
        while (true) {
            int read = fill(cursor);
            forEachRecord(e -> {
                last.add(e);
                if (last.size() > n) {
                    last.poll();
                }
            });
            if (read < 0) {
                break;
            }
        }
        resetBuffer();
        return last;
    }

    private void advance() throws IOException, InterruptedException {
        Part part = parts.peek();
        if (part instanceof Decoded(Deque<LogEntry> entries)) {
            for (LogEntry e : entries) {
                offer(e);
            }
            parts.poll();
            return;
        }
        if (part instanceof Range(Cursor cursor)) {
            if (pump(cursor) < 0) {
                parts.poll();
                resetBuffer();
            }
            return;
        }
        if (follow == null) {
            ended = true;
            return;
        }
        // the end signal is looked at before the writer's state, so that state covers all written before the end
        boolean endReached = endSignal.isDone();
        RotatingLogFile.State st = file.state();
        if (follow.segment.generation() == st.generation()) {
            follow.limit = st.size();
            if (pump(follow) >= 0) {
                return;
            }
            if (st.closed() || endReached) {
                ended = true;
                return;
            }
            file.awaitChange(st, () -> closed || endSignal.isDone());
            return;
        }
        // the file was rotated away: it is complete, so read it to its end, then go on to the next one
        follow.limit = Long.MAX_VALUE;
        if (pump(follow) >= 0) {
            return;
        }
        Segment done = follow.segment;
        Segment next = file.openGeneration(done.generation() + 1);
        synchronized (opened) {
            opened.add(next);
            opened.remove(done);
        }
        done.close();
        resetBuffer();
        follow = new Cursor(next, 0, next.generation() == st.generation() ? st.size() : Long.MAX_VALUE);
    }

    /** Reads one chunk from {@code cursor} and queues the complete records in it; -1 at the cursor's end. */
    private int pump(Cursor cursor) throws IOException {
        int read = fill(cursor);
        forEachRecord(this::offer);
        return read;
    }

    private int fill(Cursor cursor) throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = cursor.read(buf, end, buf.length - end);
        if (n > 0) {
            end += n;
        }
        return n;
    }

    private void forEachRecord(Consumer<LogEntry> sink) throws IOException {
        int length;
        while (!ended && (length = format.recordLength(buf, start, end - start)) >= 0) {
            format.decode(buf, start, length).ifPresent(sink);
            start += length;
        }
    }

    private void resetBuffer() {
        start = 0;
        end = 0;
        if (buf.length > CHUNK) {
            buf = new byte[CHUNK];
        }
    }

    private void offer(LogEntry e) {
        if (ended) {
            return;
        }
        if (options.until().isPresent() && e.time().isAfter(options.until().get())) {
            ended = true;
            return;
        }
        if (options.since().isPresent() && e.time().isBefore(options.since().get())) {
            return;
        }
        boolean wanted = switch (e.stream()) {
            case STDOUT -> options.stdout();
            case STDERR -> options.stderr();
            case STDIN -> false;
        };
        if (wanted) {
            ready.add(e);
        }
    }

    /** A read position in one file: a byte range of a plain file, or a gzip stream. */
    private static final class Cursor {
        final Segment segment;
        long position;
        long limit;
        private InputStream gzip;

        Cursor(Segment segment, long position, long limit) {
            this.segment = segment;
            this.position = position;
            this.limit = limit;
        }

        /** Bytes read, or -1 when nothing is left (for now, in a growing file). */
        int read(byte[] b, int off, int len) throws IOException {
            if (segment.compressed()) {
                if (gzip == null) {
                    gzip = new GZIPInputStream(Channels.newInputStream(segment.channel()), CHUNK);
                }
                int n = gzip.read(b, off, len);
                return n == 0 ? -1 : n;
            }
            int max = (int) Math.min(len, limit - position);
            if (max <= 0) {
                return -1;
            }
            int n = segment.channel().read(ByteBuffer.wrap(b, off, max), position);
            if (n <= 0) {
                return -1;
            }
            position += n;
            return n;
        }
    }

    private void release() {
        List<Segment> toClose;
        synchronized (opened) {
            toClose = List.copyOf(opened);
            opened.clear();
        }
        for (Segment s : toClose) {
            try {
                s.close();
            } catch (IOException e) {
                // read-only descriptors: nothing to flush, released regardless
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        file.wakeReaders();
        release();
    }
}

package berth.api.routes;

import berth.api.http.Exchange;
import berth.api.wire.StreamFrames;
import berth.logs.LogEntry;
import berth.logs.LogSource;
import berth.logs.StreamType;
import java.util.Optional;

/** Container and exec output on the wire, shared by attach, exec start and logs. */
final class StreamOutput {
    private static final int BATCH = 64 * 1024;

    private StreamOutput() {}

    /** Where encoded frames go: a hijacked connection or a chunked body. */
    interface Sink {
        void write(byte[] data);
    }

    /** Raw for a TTY and for old clients; the multiplexed type from API 1.42 on, as dockerd does. */
    static String contentType(Exchange ex, boolean tty) {
        return tty || !ex.version().atLeast(1, 42) ? StreamFrames.RAW : StreamFrames.MULTIPLEXED;
    }

    /** Copies entries until the source ends, keeping only the streams asked for. */
    static void copy(LogSource source, boolean stdout, boolean stderr, boolean tty, boolean timestamps, Sink sink)
            throws Exception {
        // Frames are sent in batches of up to 64 KiB while the source has more at hand, and at once when it has
        // not: a follower sees each line as it comes, a reader of a long log does not pay a write per line.
        java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream(BATCH);
        Optional<LogEntry> e;
        while ((e = source.next()).isPresent()) {
            LogEntry entry = e.get();
            boolean wanted = entry.stream() == StreamType.STDERR ? stderr : stdout;
            if (wanted) {
                batch.write(StreamFrames.encode(entry, tty, timestamps));
            }
            if (batch.size() > 0 && (batch.size() >= BATCH || !source.ready())) {
                sink.write(batch.toByteArray());
                batch.reset();
            }
        }
        if (batch.size() > 0) {
            sink.write(batch.toByteArray());
        }
    }
}

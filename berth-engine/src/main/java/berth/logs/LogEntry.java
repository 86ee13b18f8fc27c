package berth.logs;

import java.time.Instant;

/**
 * One chunk of container output. {@code data} includes the trailing newline when the line had one
 * (a partial line, conmon's "P" tag, has none), so concatenating entries gives the exact bytes.
 */
public record LogEntry(StreamType stream, Instant time, byte[] data) {}

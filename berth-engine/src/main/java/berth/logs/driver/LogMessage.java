package berth.logs.driver;

import berth.logs.StreamType;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of a container's output, as the engine captured it.
 *
 * @param stream    stdout or stderr
 * @param line      the bytes, without the ending newline
 * @param timestamp when it was captured
 * @param partial   the line goes on in the next message (a very long line, or output with no newline yet);
 *                  drivers that keep lines (json-file) store the pieces as Docker does, with no newline
 *                  after a partial piece
 */
public record LogMessage(StreamType stream, byte[] line, Instant timestamp, boolean partial) {
    public LogMessage {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}

package berth.runtime.runc;

import berth.logs.LogEntry;
import berth.logs.StreamType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;

/**
 * conmon's k8s-file log format, one line per chunk of output:
 * {@code <RFC3339Nano time> <stdout|stderr> <F|P> <bytes>}. "F" ends a line (the newline was
 * consumed by the format and is given back here); "P" is a partial line that a later entry continues.
 */
final class K8sLogLine {
    private K8sLogLine() {}

    /** Parses one log line (without its terminating '\n'); empty for lines that do not follow the format. */
    static Optional<LogEntry> parse(byte[] line, int from, int to) {
        int sp1 = indexOf(line, from, to, (byte) ' ');
        if (sp1 < 0) {
            return Optional.empty();
        }
        int sp2 = indexOf(line, sp1 + 1, to, (byte) ' ');
        if (sp2 < 0) {
            return Optional.empty();
        }
        int sp3 = indexOf(line, sp2 + 1, to, (byte) ' ');
        int tagEnd = sp3 < 0 ? to : sp3;
        Instant time;
        try {
            time = OffsetDateTime.parse(new String(line, from, sp1 - from, StandardCharsets.US_ASCII),
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        String stream = new String(line, sp1 + 1, sp2 - sp1 - 1, StandardCharsets.US_ASCII);
        StreamType type = switch (stream) {
            case "stdout" -> StreamType.STDOUT;
            case "stderr" -> StreamType.STDERR;
            default -> null;
        };
        if (type == null) {
            return Optional.empty();
        }
        String tag = new String(line, sp2 + 1, tagEnd - sp2 - 1, StandardCharsets.US_ASCII);
        boolean partial = tag.startsWith("P");
        int contentFrom = sp3 < 0 ? to : sp3 + 1;
        byte[] data = Arrays.copyOfRange(line, contentFrom, to + (partial ? 0 : 1));
        if (!partial) {
            data[data.length - 1] = '\n';
        }
        return Optional.of(new LogEntry(type, time, data));
    }

    static Optional<LogEntry> parse(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length);
    }

    private static int indexOf(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }
}

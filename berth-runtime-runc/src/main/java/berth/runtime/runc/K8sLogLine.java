package berth.runtime.runc;

import berth.logs.LogEntry;
import berth.logs.StreamType;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
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
        return Optional.ofNullable(new Parser().parse(line, from, to));
    }

    static Optional<LogEntry> parse(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length);
    }

    /**
     * A parser for a stream of lines. conmon stamps every line of one read with the same time, so the
     * last timestamp's bytes and value are kept: most lines cost a byte comparison, not a date parse.
     */
    static final class Parser {
        private final byte[] lastStamp = new byte[64];
        private int lastStampLength = -1;
        private Instant lastTime;

        /** The entry in {@code line[from, to)} (no terminating '\n'), or null when it is not in the format. */
        LogEntry parse(byte[] line, int from, int to) {
            int sp1 = indexOf(line, from, to, (byte) ' ');
            if (sp1 < 0) {
                return null;
            }
            int sp2 = indexOf(line, sp1 + 1, to, (byte) ' ');
            if (sp2 < 0) {
                return null;
            }
            StreamType type = stream(line, sp1 + 1, sp2);
            if (type == null) {
                return null;
            }
            Instant time = time(line, from, sp1);
            if (time == null) {
                return null;
            }
            int sp3 = indexOf(line, sp2 + 1, to, (byte) ' ');
            boolean partial = sp2 + 1 < to && line[sp2 + 1] == 'P';
            int contentFrom = sp3 < 0 ? to : sp3 + 1;
            int length = to - contentFrom + (partial ? 0 : 1);
            byte[] data = new byte[length];
            System.arraycopy(line, contentFrom, data, 0, to - contentFrom);
            if (!partial) {
                data[length - 1] = '\n';
            }
            return new LogEntry(type, time, data);
        }

        private Instant time(byte[] b, int from, int to) {
            int length = to - from;
            if (length == lastStampLength && Arrays.equals(b, from, to, lastStamp, 0, length)) {
                return lastTime;
            }
            Instant t = Rfc3339.parse(b, from, to);
            if (t != null && length <= lastStamp.length) {
                System.arraycopy(b, from, lastStamp, 0, length);
                lastStampLength = length;
                lastTime = t;
            }
            return t;
        }
    }

    private static StreamType stream(byte[] b, int from, int to) {
        if (to - from != 6 || b[from] != 's' || b[from + 1] != 't' || b[from + 2] != 'd') {
            return null;
        }
        if (b[from + 3] == 'o' && b[from + 4] == 'u' && b[from + 5] == 't') {
            return StreamType.STDOUT;
        }
        if (b[from + 3] == 'e' && b[from + 4] == 'r' && b[from + 5] == 'r') {
            return StreamType.STDERR;
        }
        return null;
    }

    private static int indexOf(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** RFC 3339 times as conmon writes them, read straight from the bytes; other spellings go to java.time. */
    static final class Rfc3339 {
        private Rfc3339() {}

        static Instant parse(byte[] b, int from, int to) {
            Instant fast = fast(b, from, to);
            if (fast != null) {
                return fast;
            }
            try {
                return OffsetDateTime.parse(new String(b, from, to - from, StandardCharsets.US_ASCII),
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        /** {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)}, or null for anything else. */
        private static Instant fast(byte[] b, int from, int to) {
            if (to - from < 20 || b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != 'T'
                    || b[from + 13] != ':' || b[from + 16] != ':') {
                return null;
            }
            int year = digits(b, from, 4);
            int month = digits(b, from + 5, 2);
            int day = digits(b, from + 8, 2);
            int hour = digits(b, from + 11, 2);
            int minute = digits(b, from + 14, 2);
            int second = digits(b, from + 17, 2);
            if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                    || second < 0 || second > 59) {
                return null;
            }
            int i = from + 19;
            long nanos = 0;
            if (b[i] == '.') {
                i++;
                int n = 0;
                while (i < to && n < 9 && isDigit(b[i])) {
                    nanos = nanos * 10 + (b[i] - '0');
                    i++;
                    n++;
                }
                if (n == 0 || (i < to && isDigit(b[i]))) {
                    return null;
                }
                for (; n < 9; n++) {
                    nanos *= 10;
                }
            }
            int offset;
            if (i + 1 == to && b[i] == 'Z') {
                offset = 0;
            } else if (i + 6 == to && (b[i] == '+' || b[i] == '-') && b[i + 3] == ':') {
                int oh = digits(b, i + 1, 2);
                int om = digits(b, i + 4, 2);
                if (oh < 0 || om < 0 || oh > 18 || om > 59) {
                    return null;
                }
                offset = (b[i] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
            } else {
                return null;
            }
            long epochDay;
            try {
                epochDay = LocalDate.of(year, month, day).toEpochDay();
            } catch (DateTimeException e) {
                return null;
            }
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offset, nanos);
        }

        private static boolean isDigit(byte c) {
            return c >= '0' && c <= '9';
        }

        private static int digits(byte[] b, int from, int count) {
            int v = 0;
            for (int i = from; i < from + count; i++) {
                if (!isDigit(b[i])) {
                    return -1;
                }
                v = v * 10 + (b[i] - '0');
            }
            return v;
        }
    }
}

package berth.logging.logfile;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Go's {@code time.RFC3339Nano} for UTC instants: fraction with trailing zeros trimmed, none when zero. */
public final class Rfc3339 {
    private Rfc3339() {}

    public static String format(Instant t) {
        StringBuilder sb = new StringBuilder(35);
        append(sb, t);
        return sb.toString();
    }

    /** Appends {@code 2006-01-02T15:04:05.999999999Z} for {@code t} in UTC. */
    public static void append(StringBuilder sb, Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        pad(sb, d.getYear(), 4).append('-');
        pad(sb, d.getMonthValue(), 2).append('-');
        pad(sb, d.getDayOfMonth(), 2).append('T');
        pad(sb, d.getHour(), 2).append(':');
        pad(sb, d.getMinute(), 2).append(':');
        pad(sb, d.getSecond(), 2);
        int nanos = t.getNano();
        if (nanos != 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            sb.append('.');
            pad(sb, nanos, digits);
        }
        sb.append('Z');
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}

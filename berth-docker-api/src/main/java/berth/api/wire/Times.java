package berth.api.wire;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Time formats of the Engine API, written the way Go's time package writes them. */
public final class Times {
    /** Go's zero time, which Docker shows for "never" (StartedAt of a created container). */
    public static final String ZERO = "0001-01-01T00:00:00Z";

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private Times() {}

    /** Go's RFC3339Nano: fractional seconds with trailing zeros trimmed, none when whole, then Z. */
    public static String rfc3339Nano(Instant t) {
        StringBuilder sb = new StringBuilder(SECONDS.format(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            String frac = String.format("%09d", nanos);
            int end = frac.length();
            while (frac.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(frac, 0, end);
        }
        return sb.append('Z').toString();
    }

    /** Fixed nine digits, as Docker's log timestamps use (so columns line up). */
    public static String logTimestamp(Instant t) {
        return SECONDS.format(t) + "." + String.format("%09d", t.getNano()) + "Z";
    }

    public static String rfc3339NanoOrZero(Optional<Instant> t) {
        return t.map(Times::rfc3339Nano).orElse(ZERO);
    }

    /**
     * A time given as unix seconds, with an optional fraction ({@code 1700000000.5}) the way
     * {@code docker logs --since} sends it; also accepts RFC3339.
     */
    public static Instant parseUnixOrRfc3339(String s) {
        String v = s.trim();
        if (v.contains("T")) {
            return Instant.parse(v);
        }
        int dot = v.indexOf('.');
        long secs = Long.parseLong(dot < 0 ? v : v.substring(0, dot));
        long nanos = 0;
        if (dot >= 0) {
            String frac = (v.substring(dot + 1) + "000000000").substring(0, 9);
            nanos = Long.parseLong(frac);
        }
        return Instant.ofEpochSecond(secs, nanos);
    }
}

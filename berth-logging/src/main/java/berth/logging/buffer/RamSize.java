package berth.logging.buffer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as dockerd reads {@code max-buffer-size} and {@code fluentd-buffer-limit} (go-units'
 * {@code RAMInBytes}): a number with an optional binary unit, case-insensitive, {@code b} and
 * {@code i} optional ({@code 1m}, {@code 512k}, {@code 1.5MiB}, {@code 2 GB} = 2 GiB).
 */
public final class RamSize {
    private static final Pattern SIZE = Pattern.compile("(?i)^(\\d+(?:\\.\\d+)*) ?([kmgtp])?i?b?$");
    private static final String UNITS = "kmgtp";

    private RamSize() {}

    /** The number of bytes; IllegalArgumentException "invalid size: 'x'" (go-units' words) when it is not a size. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        }
        double size;
        try {
            size = Double.parseDouble(m.group(1));
        } catch (NumberFormatException e) {
            // "1.2.3" passes the pattern, as in go-units, and fails here
            throw new IllegalArgumentException("strconv.ParseFloat: parsing \"" + m.group(1) + "\": invalid syntax", e);
        }
        if (m.group(2) != null) {
            int power = UNITS.indexOf(Character.toLowerCase(m.group(2).charAt(0))) + 1;
            size *= Math.pow(1024, power);
        }
        return (long) size;
    }
}

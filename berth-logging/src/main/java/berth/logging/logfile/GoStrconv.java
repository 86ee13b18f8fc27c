package berth.logging.logfile;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses option values as dockerd does (Go's {@code strconv} and go-units' {@code FromHumanSize}), with
 * the same error texts, so {@code --log-opt} errors read as Docker's.
 */
public final class GoStrconv {
    private static final Pattern SIZE = Pattern.compile("^(\\d+(\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");
    private static final Map<String, Long> DECIMAL = Map.of(
            "k", 1_000L, "m", 1_000_000L, "g", 1_000_000_000L, "t", 1_000_000_000_000L, "p", 1_000_000_000_000_000L);
    private static final Pattern INT = Pattern.compile("[+-]?[0-9]+");

    private GoStrconv() {}

    /**
     * go-units {@code FromHumanSize}: decimal units ({@code 1k} = 1000, {@code 1m} = 10^6), an optional
     * {@code i} and {@code b} ignored; negative sizes are invalid.
     */
    public static long fromHumanSize(String s) {
        Matcher m = SIZE.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size: '" + s + "'");
        }
        BigDecimal size;
        try {
            size = new BigDecimal(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strconv.ParseFloat: parsing \"" + m.group(1) + "\": invalid syntax");
        }
        String unit = m.group(3);
        if (unit != null) {
            size = size.multiply(BigDecimal.valueOf(DECIMAL.get(unit.toLowerCase(Locale.ROOT))));
        }
        return size.longValue();
    }

    /** Go's {@code strconv.Atoi}. */
    public static int atoi(String s) {
        if (!INT.matcher(s).matches()) {
            throw new IllegalArgumentException("strconv.Atoi: parsing \"" + s + "\": invalid syntax");
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strconv.Atoi: parsing \"" + s + "\": value out of range");
        }
    }

    /** Go's {@code strconv.ParseBool}. */
    public static boolean parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new IllegalArgumentException("strconv.ParseBool: parsing \"" + s + "\": invalid syntax");
        };
    }
}

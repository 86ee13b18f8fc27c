package berth.cli.opts;

import java.math.BigDecimal;

/**
 * Durations as Go's time.ParseDuration reads them ("1s", "1m30s", "1.5h", "-2ms", "0"), with its
 * error texts; returned in nanoseconds.
 */
public final class GoDurations {
    private GoDurations() {}

    public static long parseNanos(String orig) {
        String s = orig;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(orig);
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '.' && !Character.isDigit(c)) {
                throw invalid(orig);
            }
            int start = i;
            while (i < s.length() && isAsciiDigit(s.charAt(i))) {
                i++;
            }
            boolean pre = i > start;
            boolean post = false;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int f = i;
                while (i < s.length() && isAsciiDigit(s.charAt(i))) {
                    i++;
                }
                post = i > f;
            }
            if (!pre && !post) {
                throw invalid(orig);
            }
            String number = s.substring(start, i);
            int u = i;
            while (i < s.length() && s.charAt(i) != '.' && !isAsciiDigit(s.charAt(i))) {
                i++;
            }
            String unit = s.substring(u, i);
            if (unit.isEmpty()) {
                throw new BadValueException("time: missing unit in duration " + quote(orig));
            }
            long scale = switch (unit) {
                case "ns" -> 1L;
                case "us", "\u00b5s", "\u03bcs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw new BadValueException("time: unknown unit " + quote(unit) + " in duration " + quote(orig));
            };
            total = total.add(new BigDecimal(number.endsWith(".") ? number + "0" : number).multiply(BigDecimal.valueOf(scale)));
            if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw invalid(orig);
            }
        }
        long nanos = total.longValue();
        return neg ? -nanos : nanos;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static BadValueException invalid(String orig) {
        return new BadValueException("time: invalid duration " + quote(orig));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

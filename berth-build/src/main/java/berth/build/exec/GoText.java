package berth.build.exec;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Text as Go's fmt prints it, for history entries that must read exactly as Docker's: the classic
 * builder writes {@code CMD %q}, {@code VOLUME %v}, {@code HEALTHCHECK %q} of its Go values.
 */
final class GoText {
    private GoText() {}

    /** {@code %q} of a {@code []string}: {@code ["a" "b c"]}. */
    static String quotedList(List<String> list) {
        return list.stream().map(GoText::quote).collect(Collectors.joining(" ", "[", "]"));
    }

    /** {@code %v} of a {@code []string}: {@code [a b c]}. */
    static String list(List<String> list) {
        return "[" + String.join(" ", list) + "]";
    }

    /** Go's strconv.Quote: a double-quoted string with Go escapes. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(cp -> appendEscaped(out, cp, '"'));
        return out.append('"').toString();
    }

    /** Go's strconv.QuoteRune, which is what {@code %q} prints for an int. */
    static String quoteRune(int cp) {
        StringBuilder out = new StringBuilder("'");
        appendEscaped(out, cp, '\'');
        return out.append('\'').toString();
    }

    private static void appendEscaped(StringBuilder out, int cp, char quote) {
        if (cp == quote || cp == '\\') {
            out.append('\\').appendCodePoint(cp);
            return;
        }
        switch (cp) {
            case 7 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 11 -> out.append("\\v");
            default -> {
                if (cp < 0x20 || cp == 0x7f) {
                    out.append(String.format("\\x%02x", cp));
                } else if (cp >= 0x80 && !printable(cp)) {
                    out.append(cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
                } else {
                    out.appendCodePoint(cp);
                }
            }
        }
    }

    private static boolean printable(int cp) {
        int type = Character.getType(cp);
        return Character.isDefined(cp) && type != Character.CONTROL && type != Character.FORMAT
                && type != Character.SURROGATE && type != Character.PRIVATE_USE && type != Character.UNASSIGNED
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                && (type != Character.SPACE_SEPARATOR || cp == ' ');
    }

    /** Go's time.Duration.String: {@code 0s}, {@code 1.5s}, {@code 5m0s}, {@code 1h0m0s}, {@code 500ms}. */
    static String duration(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        long u = Math.abs(nanos);
        String body;
        if (u < 1_000_000_000L) {
            if (u < 1_000) {
                body = u + "ns";
            } else if (u < 1_000_000) {
                body = fraction(u, 3) + "µs";
            } else {
                body = fraction(u, 6) + "ms";
            }
        } else {
            String seconds = fraction(u % 60_000_000_000L, 9) + "s";
            long minutes = u / 60_000_000_000L;
            if (minutes == 0) {
                body = seconds;
            } else if (minutes < 60) {
                body = minutes + "m" + seconds;
            } else {
                body = (minutes / 60) + "h" + (minutes % 60) + "m" + seconds;
            }
        }
        return negative ? "-" + body : body;
    }

    /** {@code value / 10^digits} with the fraction's trailing zeros (and a bare point) dropped. */
    private static String fraction(long value, int digits) {
        long scale = (long) Math.pow(10, digits);
        long whole = value / scale;
        long frac = value % scale;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String f = String.format("%0" + digits + "d", frac).replaceAll("0+$", "");
        return whole + "." + f;
    }
}

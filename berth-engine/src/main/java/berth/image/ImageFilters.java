package berth.image;

import berth.errors.BerthException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Matching rules of image filters: Go's path.Match globs and Docker's {@code until} timestamps. */
public final class ImageFilters {
    private static final Pattern GO_DURATION = Pattern.compile("([0-9]*\\.?[0-9]+)(ns|us|µs|ms|s|m|h)");

    private ImageFilters() {}

    /**
     * Go's {@code path.Match}: {@code *} any run of non-slash characters, {@code ?} one non-slash
     * character, {@code [...]} a class ({@code [^...]} negated, ranges), backslash escapes.
     * A malformed pattern is INVALID_ARGUMENT.
     */
    static boolean globMatches(String pattern, String name) {
        return Pattern.compile(globToRegex(pattern)).matcher(name).matches();
    }

    static String globToRegex(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '\\' -> {
                    if (++i >= pattern.length()) {
                        throw BerthException.invalid("syntax error in pattern: " + pattern);
                    }
                    re.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
                }
                case '[' -> {
                    int end = pattern.indexOf(']', i + 1);
                    if (end < 0) {
                        throw BerthException.invalid("syntax error in pattern: " + pattern);
                    }
                    String body = pattern.substring(i + 1, end);
                    boolean negate = body.startsWith("^");
                    if (negate) {
                        body = body.substring(1);
                    }
                    if (body.isEmpty()) {
                        throw BerthException.invalid("syntax error in pattern: " + pattern);
                    }
                    StringBuilder cls = new StringBuilder(negate ? "[^/" : "[");
                    for (char b : body.toCharArray()) {
                        if (b == '-') {
                            cls.append('-');
                        } else if (Character.isLetterOrDigit(b)) {
                            cls.append(b);
                        } else {
                            cls.append('\\').append(b);
                        }
                    }
                    re.append(cls).append(']');
                    i = end;
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    /**
     * Docker's timestamp filter values: RFC 3339 (with or without zone, date only), Unix seconds with an
     * optional fraction, or a Go duration ({@code 24h}, {@code 1h30m}) meaning that long before now.
     */
    public static Instant timestamp(String value, Instant now) {
        String v = value.strip();
        if (v.matches("[0-9]+(\\.[0-9]{1,9})?")) {
            String[] parts = v.split("\\.");
            long nanos = parts.length > 1 ? Long.parseLong((parts[1] + "000000000").substring(0, 9)) : 0;
            return Instant.ofEpochSecond(Long.parseLong(parts[0]), nanos);
        }
        Matcher m = GO_DURATION.matcher(v);
        if (!v.isEmpty() && m.lookingAt()) {
            Duration total = Duration.ZERO;
            int pos = 0;
            m = GO_DURATION.matcher(v);
            while (m.find() && m.start() == pos) {
                double n = Double.parseDouble(m.group(1));
                long nanos = (long) (n * switch (m.group(2)) {
                    case "ns" -> 1L;
                    case "us", "µs" -> 1_000L;
                    case "ms" -> 1_000_000L;
                    case "s" -> 1_000_000_000L;
                    case "m" -> 60_000_000_000L;
                    default -> 3_600_000_000_000L;
                });
                total = total.plusNanos(nanos);
                pos = m.end();
            }
            if (pos == v.length()) {
                return now.minus(total);
            }
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the zone-less forms
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try a date
        }
        try {
            return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw BerthException.invalid("invalid timestamp \"" + value + "\" (use RFC 3339, Unix seconds, or a duration like 24h)");
        }
    }
}

package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker's --since/--until values: a Go duration relative to now ("10m", "1h30m", "2.5s"), an
 * RFC 3339 time, or unix seconds (with an optional fraction). Returned as the unix-seconds string
 * the API takes.
 */
final class TimeArgs {
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private TimeArgs() {}

    static String toUnix(String value, Instant now) {
        String v = value.strip();
        if (v.matches("\\d+(\\.\\d+)?")) {
            return v;
        }
        Duration d = parseGoDuration(v);
        if (d != null) {
            Instant t = now.minus(d);
            return t.getEpochSecond() + (t.getNano() == 0 ? "" : String.format(".%09d", t.getNano()));
        }
        try {
            Instant t = OffsetDateTime.parse(v).toInstant();
            return t.getEpochSecond() + (t.getNano() == 0 ? "" : String.format(".%09d", t.getNano()));
        } catch (DateTimeParseException e) {
            throw new CliException(ExitCodes.ERROR, "invalid value for time \"" + value
                    + "\": use a duration such as 10m or 1h30m, an RFC 3339 time such as 2024-01-02T15:04:05Z, or unix seconds");
        }
    }

    static Duration parseGoDuration(String s) {
        Matcher m = GO_DURATION.matcher(s);
        int pos = 0;
        double nanos = 0;
        while (m.find() && m.start() == pos) {
            double n = Double.parseDouble(m.group(1));
            nanos += n * switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            pos = m.end();
        }
        return pos == s.length() && pos > 0 ? Duration.ofNanos((long) nanos) : null;
    }
}

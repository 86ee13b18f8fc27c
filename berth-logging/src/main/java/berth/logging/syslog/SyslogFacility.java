package berth.logging.syslog;

import berth.errors.BerthException;
import java.util.Map;

/** {@code syslog-facility}: a name as Docker takes them, or a number 0-23; {@code daemon} by default. */
public final class SyslogFacility {
    private static final Map<String, Integer> NAMES = Map.ofEntries(
            Map.entry("kern", 0), Map.entry("user", 1), Map.entry("mail", 2), Map.entry("daemon", 3),
            Map.entry("auth", 4), Map.entry("syslog", 5), Map.entry("lpr", 6), Map.entry("news", 7),
            Map.entry("uucp", 8), Map.entry("cron", 9), Map.entry("authpriv", 10), Map.entry("ftp", 11),
            Map.entry("local0", 16), Map.entry("local1", 17), Map.entry("local2", 18), Map.entry("local3", 19),
            Map.entry("local4", 20), Map.entry("local5", 21), Map.entry("local6", 22), Map.entry("local7", 23));

    private SyslogFacility() {}

    /** The facility code (not yet shifted into a priority). */
    public static int parse(String value) {
        if (value == null || value.isEmpty()) {
            return NAMES.get("daemon");
        }
        Integer named = NAMES.get(value);
        if (named != null) {
            return named;
        }
        try {
            int code = Integer.parseInt(value);
            if (code >= 0 && code <= 23) {
                return code;
            }
        } catch (NumberFormatException e) {
            // falls through to Docker's error
        }
        throw BerthException.invalid("invalid syslog facility");
    }
}

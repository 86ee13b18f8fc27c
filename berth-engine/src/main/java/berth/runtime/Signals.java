package berth.runtime;

import berth.errors.BerthException;
import java.util.Locale;
import java.util.Map;

/** Linux signal names and numbers as Docker accepts them ("KILL", "SIGKILL", "9"). */
public final class Signals {
    private static final Map<String, Integer> BY_NAME = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("IOT", 6), Map.entry("BUS", 7),
            Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11),
            Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15),
            Map.entry("STKFLT", 16), Map.entry("CHLD", 17), Map.entry("CONT", 18), Map.entry("STOP", 19),
            Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22), Map.entry("URG", 23),
            Map.entry("XCPU", 24), Map.entry("XFSZ", 25), Map.entry("VTALRM", 26), Map.entry("PROF", 27),
            Map.entry("WINCH", 28), Map.entry("IO", 29), Map.entry("POLL", 29), Map.entry("PWR", 30),
            Map.entry("SYS", 31));

    private Signals() {}

    public static int parse(String signal) {
        if (signal == null || signal.isBlank()) {
            throw BerthException.invalid("Invalid signal: " + signal);
        }
        String s = signal.trim().toUpperCase(Locale.ROOT);
        if (s.chars().allMatch(Character::isDigit)) {
            int n = s.length() > 2 ? 0 : Integer.parseInt(s); // "99999999999" is refused, not an overflow
            if (n < 1 || n > 64) {
                throw BerthException.invalid("Invalid signal: " + signal);
            }
            return n;
        }
        if (s.startsWith("SIG")) {
            s = s.substring(3);
        }
        if (s.startsWith("RTMIN") || s.startsWith("RTMAX")) {
            throw BerthException.invalid("Invalid signal: " + signal);
        }
        Integer n = BY_NAME.get(s);
        if (n == null) {
            throw BerthException.invalid("Invalid signal: " + signal);
        }
        return n;
    }
}

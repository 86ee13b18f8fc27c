package berth.build.context;

import berth.errors.BerthException;
import java.util.regex.Pattern;

/**
 * One {@code .dockerignore} rule: a cleaned glob ({@code **} allowed), and whether it is an
 * exception ({@code !}) that puts back what earlier rules excluded.
 *
 * @param glob the cleaned pattern without its {@code !}
 * @param exception true for a {@code !} rule
 */
public record IgnorePattern(String glob, boolean exception, Pattern regex, int depth) {
    /** Parses one line as Docker's PatternMatcher does: trimmed, cleaned, then a leading {@code !}. */
    static IgnorePattern parse(String line) {
        String p = GoPaths.clean(line.strip());
        boolean exception = p.startsWith("!");
        if (exception) {
            if (p.length() == 1) {
                throw BerthException.invalid("illegal exclusion pattern: \"!\"");
            }
            p = p.substring(1);
        }
        return new IgnorePattern(p, exception, GlobSyntax.compile(p, true), p.split("/", -1).length);
    }

    boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    @Override
    public String toString() {
        return exception ? "!" + glob : glob;
    }
}

package berth.api.http;

import berth.errors.BerthException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Engine API version such as {@code 1.41}, and the rules for which ones berth serves.
 * Versions compare numerically by major then minor ({@code 1.9 < 1.41}).
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    /** The version of the spec berth follows ({@code info.version} of docker-engine-api.yaml). */
    public static final ApiVersion MAX = new ApiVersion(1, 56);
    /** Docker's own minimum; older clients get Docker's "too old" message. */
    public static final ApiVersion MIN = new ApiVersion(1, 24);

    private static final Pattern PREFIX = Pattern.compile("^/v([0-9]+)\\.([0-9]+)(/.*)?$");

    public static ApiVersion parse(String text) {
        int dot = text.indexOf('.');
        try {
            if (dot < 0) {
                throw new NumberFormatException();
            }
            return new ApiVersion(Integer.parseInt(text.substring(0, dot)), Integer.parseInt(text.substring(dot + 1)));
        } catch (NumberFormatException e) {
            throw BerthException.invalid("invalid API version: " + text + " (expected MAJOR.MINOR, e.g. 1.41)");
        }
    }

    /**
     * Splits a request path into its optional {@code /vX.Y} prefix and the rest, and checks the
     * version is served. Unversioned paths mean "the newest version" as Docker does.
     */
    public static VersionedPath split(String path) {
        Matcher m = PREFIX.matcher(path);
        if (!m.matches()) {
            return new VersionedPath(Optional.empty(), path);
        }
        ApiVersion v;
        try {
            v = new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            throw BerthException.invalid("invalid API version in path: " + path);
        }
        if (v.compareTo(MAX) > 0) {
            throw BerthException.invalid("client version " + v + " is too new. Maximum supported API version is " + MAX);
        }
        if (v.compareTo(MIN) < 0) {
            throw BerthException.invalid("client version " + v + " is too old. Minimum supported API version is "
                    + MIN + ", please upgrade your client to a newer version");
        }
        String rest = m.group(3);
        return new VersionedPath(Optional.of(v), rest == null || rest.isEmpty() ? "/" : rest);
    }

    public boolean atLeast(int maj, int min) {
        return compareTo(new ApiVersion(maj, min)) >= 0;
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }

    /** A path with its version prefix removed; {@code version} empty when the client sent none. */
    public record VersionedPath(Optional<ApiVersion> version, String path) {
        public ApiVersion effective() {
            return version.orElse(MAX);
        }
    }
}

package berth.client;

/** An Engine API version "major.minor", compared numerically (1.9 &lt; 1.41). */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    public static ApiVersion parse(String text) {
        String t = text.strip();
        if (t.startsWith("v")) {
            t = t.substring(1);
        }
        int dot = t.indexOf('.');
        try {
            if (dot < 0) {
                return new ApiVersion(Integer.parseInt(t), 0);
            }
            return new ApiVersion(Integer.parseInt(t.substring(0, dot)), Integer.parseInt(t.substring(dot + 1)));
        } catch (NumberFormatException e) {
            throw new ClientException("bad API version \"" + text + "\": expected major.minor such as 1.41");
        }
    }

    public static ApiVersion min(ApiVersion a, ApiVersion b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}

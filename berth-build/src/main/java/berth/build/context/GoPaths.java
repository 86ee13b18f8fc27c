package berth.build.context;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code path/filepath} {@code Clean} and {@code Dir} on slash-separated names: Docker cleans
 * {@code .dockerignore} patterns, context paths and COPY sources with them, so matching depends on
 * doing it the same way.
 */
final class GoPaths {
    private GoPaths() {}

    /** The shortest equivalent name: no {@code .}, no {@code x/..}, no double or trailing slash; "" is ".". */
    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.startsWith("/");
        List<String> out = new ArrayList<>();
        for (String c : path.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (!out.isEmpty() && !out.getLast().equals("..")) {
                    out.removeLast();
                } else if (!rooted) {
                    out.add(c);
                }
                continue;
            }
            out.add(c);
        }
        String joined = String.join("/", out);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /** All but the last element, cleaned ("." when there is no slash). */
    static String dir(String path) {
        int slash = path.lastIndexOf('/');
        return clean(slash < 0 ? "" : path.substring(0, slash + 1));
    }
}

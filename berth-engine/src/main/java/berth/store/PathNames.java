package berth.store;

import java.util.ArrayList;
import java.util.List;

/** Lexical operations on the slash-separated paths of images and containers (not host paths). */
public final class PathNames {
    private PathNames() {}

    /** Go's path.Clean for an absolute path: no empty or "." elements, ".." applied, never above "/". */
    public static String clean(String absolute) {
        List<String> out = new ArrayList<>();
        for (String c : absolute.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (!out.isEmpty()) {
                    out.removeLast();
                }
                continue;
            }
            out.add(c);
        }
        return "/" + String.join("/", out);
    }
}

package berth.build.copy;

import berth.store.PathNames;

/**
 * Where a COPY/ADD step writes, as Docker's classic builder reads its last argument
 * ({@code normalizeDest}): a relative destination is taken from the WORKDIR, and a trailing {@code /}
 * (or a destination of {@code .} or {@code ..}-free "current directory" forms ending so) says "a
 * directory": a single file goes inside it instead of being written under that name.
 *
 * @param path      the cleaned absolute path in the container ({@code /} for the root)
 * @param directory true when the destination as written ends in {@code /}
 */
public record Destination(String path, boolean directory) {
    public Destination {
        if (!path.startsWith("/") || !PathNames.clean(path).equals(path)) {
            throw new IllegalArgumentException("destination must be a clean absolute path: " + path);
        }
    }

    /** The destination as written, resolved against the step's WORKDIR ({@code /} when unset). */
    public static Destination of(String workdir, String requested) {
        String dir = workdir == null || workdir.isEmpty() ? "/" : workdir;
        String full = requested.startsWith("/") ? requested : "/" + dir + "/" + requested;
        return new Destination(PathNames.clean(full), requested.endsWith("/"));
    }

    /** The directory holding {@code path} ({@code /} for the root itself). */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** {@code dir/name} without doubling the root's slash. */
    static String child(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    /** The last element of a slash-separated path ({@code a/b} → {@code b}); the path itself when it has none. */
    static String baseName(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        int slash = p.lastIndexOf('/');
        return slash < 0 || p.equals("/") ? p : p.substring(slash + 1);
    }
}

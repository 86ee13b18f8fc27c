package berth.runtime.runc;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mount options of a tmpfs, merged as Docker does (moby pkg/mount MergeTmpfsOptions): Docker's
 * defaults come first, the user's after them, and for each flag pair (ro/rw, exec/noexec, ...) and
 * each key=value option the last one wins.
 */
final class TmpfsOptions {
    /** Docker's defaults for --tmpfs and --mount type=tmpfs. */
    static final List<String> DEFAULTS = List.of("noexec", "nosuid", "nodev", "rprivate");

    /** Option → the name of the flag it sets or clears; options of one group collide. */
    private static final Map<String, String> FLAG_GROUPS = Map.ofEntries(
            Map.entry("ro", "rdonly"), Map.entry("rw", "rdonly"),
            Map.entry("suid", "nosuid"), Map.entry("nosuid", "nosuid"),
            Map.entry("dev", "nodev"), Map.entry("nodev", "nodev"),
            Map.entry("exec", "noexec"), Map.entry("noexec", "noexec"),
            Map.entry("sync", "sync"), Map.entry("async", "sync"),
            Map.entry("dirsync", "dirsync"),
            Map.entry("mand", "mand"), Map.entry("nomand", "mand"),
            Map.entry("atime", "noatime"), Map.entry("noatime", "noatime"),
            Map.entry("diratime", "nodiratime"), Map.entry("nodiratime", "nodiratime"),
            Map.entry("relatime", "relatime"), Map.entry("norelatime", "relatime"),
            Map.entry("strictatime", "strictatime"), Map.entry("nostrictatime", "strictatime"),
            Map.entry("private", "propagation"), Map.entry("rprivate", "propagation"),
            Map.entry("shared", "propagation"), Map.entry("rshared", "propagation"),
            Map.entry("slave", "propagation"), Map.entry("rslave", "propagation"),
            Map.entry("unbindable", "propagation"), Map.entry("runbindable", "propagation"));

    private static final Set<String> DATA_KEYS = Set.of("size", "mode", "uid", "gid", "nr_inodes", "nr_blocks", "mpol");

    private TmpfsOptions() {}

    /** Docker's defaults followed by {@code userOptions} (comma-separated, may be empty), merged. */
    static List<String> withDefaults(String userOptions) {
        List<String> all = new java.util.ArrayList<>(DEFAULTS);
        for (String o : userOptions.split(",")) {
            if (!o.isBlank()) {
                all.add(o.trim());
            }
        }
        return merge(all);
    }

    /** @throws IllegalArgumentException for an option tmpfs does not know (the engine has refused those) */
    static List<String> merge(List<String> options) {
        Deque<String> out = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        for (int i = options.size() - 1; i >= 0; i--) {
            String o = options.get(i);
            if (o.equals("defaults")) {
                continue;
            }
            String group = FLAG_GROUPS.get(o);
            if (group == null) {
                int eq = o.indexOf('=');
                if (eq < 0 || !DATA_KEYS.contains(o.substring(0, eq))) {
                    throw new IllegalArgumentException("Invalid tmpfs option \"" + o + "\"");
                }
                group = "data:" + o.substring(0, eq);
            }
            if (seen.add(group)) {
                out.addFirst(o);
            }
        }
        return List.copyOf(out);
    }
}

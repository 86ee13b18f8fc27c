package berth.container;

import berth.errors.BerthException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One {@code -v /host:/ctr[:mode]} bind, parsed by Docker's rules (moby volume/mounts linux_parser):
 * the mode is a comma list of at most one of each kind: rw/ro, z/Z (SELinux relabel, nothing to do
 * without SELinux), a propagation mode, and nocopy. Validated at create, so parsing a stored
 * container's binds again cannot fail.
 */
public record BindSpec(String source, String target, boolean readOnly, String propagation) {
    public static final Set<String> PROPAGATIONS = Set.of("private", "rprivate", "shared", "rshared", "slave", "rslave");
    private static final List<Set<String>> MODE_KINDS = List.of(Set.of("rw", "ro"), Set.of("z", "Z"), PROPAGATIONS,
            Set.of("nocopy"));

    /**
     * @throws BerthException INVALID_ARGUMENT with Docker's message for a malformed spec;
     *                        NOT_IMPLEMENTED for a named volume (a source that is not a path)
     */
    public static BindSpec parse(String raw) {
        String[] arr = raw.split(":", 4);
        if (arr[0].isEmpty() || arr.length > 3 || arr.length == 1) {
            // one part is an anonymous volume: the docker CLI sends those as Config.Volumes, never as a bind
            throw invalidSpec(raw);
        }
        if (arr.length == 2 && validMode(arr[1])) {
            throw invalidSpec(raw); // "/foo:rw": a destination and a mode, but no source
        }
        String mode = arr.length == 3 ? arr[2] : "";
        if (!validMode(mode)) {
            throw BerthException.invalid("invalid mode: " + mode);
        }
        String source = arr[0];
        String target = arr[1];
        if (!source.startsWith("/")) {
            throw BerthException.notImplemented("named volumes are not supported yet (\"" + raw
                    + "\"): give an absolute host path to bind-mount a directory");
        }
        String spec = "invalid volume specification: '" + raw + "': ";
        checkTarget(target, "bind", spec);
        boolean readOnly = false;
        String propagation = "";
        for (String m : mode.isEmpty() ? new String[0] : mode.split(",")) {
            if (m.equals("ro")) {
                readOnly = true;
            } else if (PROPAGATIONS.contains(m)) {
                propagation = m;
            }
        }
        return new BindSpec(source, target, readOnly, propagation);
    }

    /** Docker's target rules for every mount type: absolute and not the root. */
    public static void checkTarget(String target, String type, String prefix) {
        if (target.isEmpty()) {
            throw BerthException.invalid(prefix + mountConfig(type, "field Target must not be empty"));
        }
        if (target.equals("/")) {
            throw BerthException.invalid(prefix + mountConfig(type, "invalid specification: destination can't be '/'"));
        }
        if (!target.startsWith("/")) {
            throw BerthException.invalid(prefix + mountConfig(type, "invalid mount path: '" + target
                    + "' mount path must be absolute"));
        }
    }

    public static String mountConfig(String type, String why) {
        return "invalid mount config for type \"" + type + "\": " + why;
    }

    private static BerthException invalidSpec(String raw) {
        return BerthException.invalid("invalid volume specification: '" + raw + "'");
    }

    private static boolean validMode(String mode) {
        if (mode.isEmpty()) {
            return true;
        }
        Set<Set<String>> used = new HashSet<>();
        for (String m : mode.split(",", -1)) {
            Set<String> kind = MODE_KINDS.stream().filter(k -> k.contains(m)).findFirst().orElse(null);
            if (kind == null || !used.add(kind)) {
                return false;
            }
        }
        return true;
    }
}

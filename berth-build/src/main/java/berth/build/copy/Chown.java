package berth.build.copy;

import berth.errors.BerthException;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code --chown=user[:group]} as Docker's classic builder reads it ({@code parseChownFlag}): without a
 * group the user part names the group too; a part that is a number is taken as is, a name is looked up
 * in the destination image's {@code /etc/passwd} or {@code /etc/group}. Errors carry Docker's words:
 * "unable to convert uid/gid chown string to host mapping: can't find uid for user x: no such user: x".
 */
public record Chown(String user, String group) {
    private static final String PREFIX = "unable to convert uid/gid chown string to host mapping: ";

    /** Splits the flag's value; more than one ':' is refused as Docker refuses it. */
    public static Chown parse(String flag) {
        String[] parts = flag.split(":", -1);
        if (parts.length > 2) {
            throw BerthException.invalid(PREFIX + "invalid chown string format: " + flag);
        }
        return new Chown(parts[0], parts.length == 2 ? parts[1] : parts[0]);
    }

    /**
     * The numeric owner. {@code files} gives a file's text from the destination ({@code /etc/passwd},
     * {@code /etc/group}), empty when it is missing; it is asked only for a part that is a name.
     */
    public Owner resolve(Function<String, Optional<String>> files) {
        long uid = number(user).orElseGet(() -> lookup(files, "/etc/passwd", user, "uid", "user"));
        long gid = number(group).orElseGet(() -> lookup(files, "/etc/group", group, "gid", "group"));
        return new Owner(uid, gid);
    }

    private static long lookup(Function<String, Optional<String>> files, String file, String name, String idKind,
                               String what) {
        String cant = PREFIX + "can't find " + idKind + " for " + what + " " + name + ": ";
        String text = files.apply(file).orElseThrow(() -> BerthException.invalid(cant + "open " + file
                + ": no such file or directory"));
        for (String line : text.split("\n")) {
            // name:password:id:... (passwd has the gid next, group the members; only the id matters here)
            String[] f = line.split(":", -1);
            if (f.length >= 3 && f[0].equals(name) && !name.isEmpty()) {
                Optional<Long> id = number(f[2].trim());
                if (id.isPresent()) {
                    return id.get();
                }
            }
        }
        throw BerthException.invalid(cant + "no such " + what + ": " + name);
    }

    /** Go's strconv.Atoi for the ids owners can have: digits only, no sign. */
    private static Optional<Long> number(String s) {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        long v = Long.parseLong(s);
        return v <= 0xffff_fffeL ? Optional.of(v) : Optional.empty();
    }
}

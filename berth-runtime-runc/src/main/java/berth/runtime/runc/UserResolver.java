package berth.runtime.runc;

import berth.errors.BerthException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns Docker's user syntax ("", "name", "uid", "uid:gid", "name:group") into numeric ids using the
 * rootfs's /etc/passwd and /etc/group, with runc's rules: a numeric user or group that has no entry
 * is used as is; a name that has no entry is an error; supplementary groups come from /etc/group
 * membership only when no group was given explicitly; the primary group is always one of them, as in
 * Docker's containers.
 */
final class UserResolver {
    private UserResolver() {}

    /**
     * @param passwd the content of /etc/passwd, or null when the rootfs has none
     * @param group  the content of /etc/group, or null
     */
    static ResolvedUser resolve(String user, String passwd, String group) {
        return resolve(user, List.of(), passwd, group);
    }

    /**
     * As {@link #resolve(String, String, String)}, plus {@code --group-add}: each a group name of the
     * rootfs's /etc/group or a number, added to the supplementary groups whatever the user.
     */
    static ResolvedUser resolve(String user, List<String> groupAdd, String passwd, String group) {
        ResolvedUser base = resolveUser(user, passwd, group);
        // Docker's containers have their primary group among the supplementary ones too (`id` shows
        // groups=65534(nogroup) for nobody, /proc/self/status Groups: 0 for root)
        Set<Integer> gids = new LinkedHashSet<>();
        gids.add(base.gid());
        gids.addAll(base.additionalGids());
        if (groupAdd.isEmpty()) {
            return new ResolvedUser(base.uid(), base.gid(), List.copyOf(gids));
        }
        List<GroupEntry> groups = parseGroups(group);
        for (String g : groupAdd) {
            String name = g.trim();
            GroupEntry e = groups.stream().filter(x -> x.name.equals(name)).findFirst().orElse(null);
            if (e != null) {
                gids.add(e.gid);
            } else if (isNumeric(name)) {
                gids.add(parseId(name, "group"));
            } else {
                throw BerthException.invalid("Unable to find group " + name + ": no matching entries in group file");
            }
        }
        return new ResolvedUser(base.uid(), base.gid(), List.copyOf(gids));
    }

    private static ResolvedUser resolveUser(String user, String passwd, String group) {
        String spec = user == null ? "" : user.trim();
        int colon = spec.indexOf(':');
        String userArg = colon < 0 ? spec : spec.substring(0, colon);
        String groupArg = colon < 0 ? "" : spec.substring(colon + 1);

        int uid = 0;
        int gid = 0;
        String matchedName = null;
        PasswdEntry entry = findUser(userArg, passwd);
        if (entry != null) {
            uid = entry.uid;
            gid = entry.gid;
            matchedName = entry.name;
        } else if (!userArg.isEmpty()) {
            if (!isNumeric(userArg)) {
                throw BerthException.invalid("unable to find user " + userArg + ": no matching entries in passwd file");
            }
            uid = parseId(userArg, "user");
        }

        List<Integer> additional = new ArrayList<>();
        List<GroupEntry> groups = parseGroups(group);
        if (!groupArg.isEmpty()) {
            GroupEntry g = groups.stream()
                    .filter(e -> e.name.equals(groupArg) || (isNumeric(groupArg) && String.valueOf(e.gid).equals(groupArg)))
                    .findFirst().orElse(null);
            if (g != null) {
                gid = g.gid;
            } else if (isNumeric(groupArg)) {
                gid = parseId(groupArg, "group");
            } else {
                throw BerthException.invalid("unable to find group " + groupArg + ": no matching entries in group file");
            }
        } else if (matchedName != null) {
            Set<Integer> seen = new LinkedHashSet<>();
            for (GroupEntry g : groups) {
                if (g.members.contains(matchedName)) {
                    seen.add(g.gid);
                }
            }
            additional.addAll(seen);
        }
        return new ResolvedUser(uid, gid, additional);
    }

    private record PasswdEntry(String name, int uid, int gid) {}

    private record GroupEntry(String name, int gid, List<String> members) {}

    private static PasswdEntry findUser(String userArg, String passwd) {
        if (passwd == null) {
            return null;
        }
        for (String line : passwd.split("\n")) {
            String[] f = line.split(":", -1);
            if (line.startsWith("#") || f.length < 4 || !isNumeric(f[2]) || !isNumeric(f[3])) {
                continue;
            }
            boolean matches = userArg.isEmpty() ? f[2].equals("0")
                    : f[0].equals(userArg) || (isNumeric(userArg) && Long.parseLong(f[2]) == Long.parseLong(userArg));
            if (matches) {
                return new PasswdEntry(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]));
            }
        }
        return null;
    }

    private static List<GroupEntry> parseGroups(String group) {
        List<GroupEntry> out = new ArrayList<>();
        if (group == null) {
            return out;
        }
        for (String line : group.split("\n")) {
            String[] f = line.split(":", -1);
            if (line.startsWith("#") || f.length < 3 || !isNumeric(f[2])) {
                continue;
            }
            List<String> members = f.length > 3 && !f[3].isBlank() ? List.of(f[3].trim().split(",")) : List.of();
            out.add(new GroupEntry(f[0], Integer.parseInt(f[2]), members));
        }
        return out;
    }

    private static boolean isNumeric(String s) {
        return !s.isEmpty() && s.length() <= 10 && s.chars().allMatch(Character::isDigit);
    }

    private static int parseId(String s, String what) {
        long v = Long.parseLong(s);
        if (v > Integer.MAX_VALUE) {
            throw BerthException.invalid(what + " id " + s + " is out of range (at most " + Integer.MAX_VALUE + ")");
        }
        return (int) v;
    }
}

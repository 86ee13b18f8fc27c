package berth.cli.opts;

import berth.client.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** One --ulimit, "name=soft[:hard]" (hard defaults to soft), as go-units ParseUlimit reads it. */
public record Ulimit(String name, long soft, long hard) {
    private static final Set<String> NAMES = Set.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue",
            "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    public static Ulimit parse(String val) {
        int eq = val.indexOf('=');
        if (eq < 0) {
            throw new BadValueException("invalid ulimit argument: " + val);
        }
        String name = val.substring(0, eq);
        if (!NAMES.contains(name)) {
            throw new BadValueException("invalid ulimit type: " + name);
        }
        String[] limits = val.substring(eq + 1).split(":", -1);
        if (limits.length > 2) {
            throw new BadValueException("too many limit value arguments - " + val.substring(eq + 1)
                    + ", can only have up to two, `soft[:hard]`");
        }
        long hard = limits.length == 2 ? GoNumbers.parseLong(limits[1]) : 0;
        long soft = GoNumbers.parseLong(limits[0]);
        if (limits.length == 1) {
            hard = soft;
        }
        if (hard != -1 && soft > hard) {
            throw new BadValueException("ulimit soft limit must be less than or equal to hard limit: " + soft + " > " + hard);
        }
        return new Ulimit(name, soft, hard);
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("Name", name);
        n.put("Hard", hard);
        n.put("Soft", soft);
        return n;
    }
}

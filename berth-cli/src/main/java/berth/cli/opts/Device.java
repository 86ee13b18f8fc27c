package berth.cli.opts;

import berth.client.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One --device, "host-path[:container-path][:permissions]" (permissions from r, w, m; default rwm). */
public record Device(String pathOnHost, String pathInContainer, String cgroupPermissions) {

    public static Device parse(String val) {
        validate(val);
        String[] parts = val.split(":", -1);
        String src = parts[0];
        String dst = "";
        String perms = "rwm";
        if (parts.length == 3) {
            perms = parts[2];
            dst = parts[1];
        } else if (parts.length == 2) {
            if (validMode(parts[1])) {
                perms = parts[1];
            } else {
                dst = parts[1];
            }
        }
        return new Device(src, dst.isEmpty() ? src : dst, perms);
    }

    /** docker's validateLinuxPath: at most three parts, a valid mode in the third, an absolute container path. */
    private static void validate(String val) {
        if (val.chars().filter(c -> c == ':').count() > 2 || val.isEmpty() || val.startsWith(":")) {
            throw new BadValueException("bad format for path: " + val);
        }
        String[] split = val.split(":", -1);
        String containerPath = split[0];
        if (split.length == 2 && !validMode(split[1])) {
            containerPath = split[1];
        } else if (split.length == 3) {
            containerPath = split[1];
            if (!validMode(split[2])) {
                throw new BadValueException("bad mode specified: " + split[2]);
            }
        }
        if (!containerPath.startsWith("/")) {
            throw new BadValueException(containerPath + " is not an absolute path");
        }
    }

    static boolean validMode(String mode) {
        if (mode.isEmpty()) {
            return false;
        }
        boolean r = false, w = false, m = false;
        for (char c : mode.toCharArray()) {
            switch (c) {
                case 'r' -> { if (r) return false; r = true; }
                case 'w' -> { if (w) return false; w = true; }
                case 'm' -> { if (m) return false; m = true; }
                default -> { return false; }
            }
        }
        return true;
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("PathOnHost", pathOnHost);
        n.put("PathInContainer", pathInContainer);
        n.put("CgroupPermissions", cgroupPermissions);
        return n;
    }
}

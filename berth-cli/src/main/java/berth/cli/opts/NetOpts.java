package berth.cli.opts;

import java.net.InetAddress;

/** --add-host, --dns and --sysctl values, checked as the docker CLI's opts package checks them. */
public final class NetOpts {
    private static final java.util.regex.Pattern DOTTED_QUAD =
            java.util.regex.Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    private NetOpts() {}

    /** "host:ip" or "host=ip" (ip may be [bracketed] or host-gateway); sent as "host:ip". */
    public static String extraHost(String val) {
        int eq = val.indexOf('=');
        int cut = eq >= 0 ? eq : val.indexOf(':');
        String host = cut < 0 ? "" : val.substring(0, cut);
        String ip = cut < 0 ? "" : val.substring(cut + 1);
        if (cut < 0 || host.isEmpty() || host.contains(":")) {
            throw new BadValueException("bad format for add-host: " + goQuote(val));
        }
        if (!ip.equals("host-gateway")) {
            if (ip.length() > 2 && ip.startsWith("[") && ip.endsWith("]")) {
                ip = ip.substring(1, ip.length() - 1);
            }
            if (!isIp(ip)) {
                throw new BadValueException("invalid IP address in add-host: " + goQuote(ip));
            }
        }
        return host + ":" + ip;
    }

    /** A --dns server: an IP address literal. */
    public static String ipAddress(String val) {
        String v = val.strip();
        if (!isIp(v)) {
            throw new BadValueException("IP address is not correctly formatted: " + val);
        }
        return v;
    }

    /** An IPv4 address literal ("172.30.100.104"). */
    public static boolean isIpv4(String s) {
        return isIp(s) && !s.contains(":");
    }

    static boolean isIp(String s) {
        if (s.isEmpty() || s.contains("%") || s.contains("[")) {
            return false;
        }
        if (!s.contains(":") && !DOTTED_QUAD.matcher(s).matches()) {
            return false; // Java also takes "1.2.3" and "10" as IPv4 literals; Go's ParseIP does not
        }
        try {
            InetAddress.ofLiteral(s); // never resolves a name
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** --sysctl "name=value": only namespaced sysctls that docker lets a container set. */
    public static String[] sysctl(String val) {
        int eq = val.indexOf('=');
        if (eq < 0) {
            throw new BadValueException("sysctl '" + val + "' is not allowed");
        }
        String name = val.substring(0, eq);
        boolean allowed = switch (name) {
            case "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax",
                    "kernel.shmmni", "kernel.shm_rmid_forced" -> true;
            default -> name.startsWith("net.") || name.startsWith("fs.mqueue.");
        };
        if (!allowed) {
            throw new BadValueException("sysctl '" + val + "' is not allowed");
        }
        return new String[] {name, val.substring(eq + 1)};
    }

    /** Go's %q for plain strings. */
    static String goQuote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

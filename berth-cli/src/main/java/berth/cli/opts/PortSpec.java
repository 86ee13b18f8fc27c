package berth.cli.opts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code -p/--publish} and {@code --expose} values, parsed as the docker CLI's nat.ParsePortSpec does:
 * {@code [ip:][hostPort:]containerPort[/proto]}, {@code ip::containerPort}, ranges such as
 * {@code 8000-8001:80-81} (one mapping per port) and an IPv6 ip in brackets.
 *
 * @param key      the container port key, "80/tcp"
 * @param hostIp   "" for every address
 * @param hostPort "" for an ephemeral port; "8000-8010" when one container port takes a host range
 */
public record PortSpec(String key, String hostIp, String hostPort) {

    /** The mappings one {@code -p} value makes. */
    public static List<PortSpec> publish(String raw) {
        String[] parts = raw.split(":", -1);
        int n = parts.length;
        String containerPart = parts[n - 1];
        String hostPort = n >= 2 ? parts[n - 2] : "";
        String ip = n >= 3 ? String.join(":", java.util.Arrays.copyOfRange(parts, 0, n - 2)) : "";
        int slash = containerPart.indexOf('/');
        String proto = slash < 0 ? "tcp" : containerPart.substring(slash + 1);
        String containerPort = slash < 0 ? containerPart : containerPart.substring(0, slash);
        if (ip.startsWith("[")) {
            if (!ip.endsWith("]")) {
                throw new BadValueException("invalid IP address " + ip);
            }
            ip = ip.substring(1, ip.length() - 1);
        }
        if (!ip.isEmpty() && !NetOpts.isIp(ip)) {
            throw new BadValueException("invalid IP address: " + ip);
        }
        if (containerPort.isEmpty()) {
            throw new BadValueException("no port specified: " + raw + "<empty>");
        }
        int[] cp = range(containerPort);
        if (cp == null) {
            throw new BadValueException("invalid containerPort: " + containerPort);
        }
        int[] hp = hostPort.isEmpty() ? new int[] {0, 0} : range(hostPort);
        if (hp == null) {
            throw new BadValueException("invalid hostPort: " + hostPort);
        }
        if (!hostPort.isEmpty() && cp[1] - cp[0] != hp[1] - hp[0] && cp[1] != cp[0]) {
            throw new BadValueException("invalid ranges specified for container and host Ports: " + containerPort
                    + " and " + hostPort);
        }
        String p = proto.toLowerCase(Locale.ROOT);
        if (!p.equals("tcp") && !p.equals("udp") && !p.equals("sctp")) {
            throw new BadValueException("invalid proto: " + proto);
        }
        List<PortSpec> out = new ArrayList<>();
        for (int i = 0; i <= cp[1] - cp[0]; i++) {
            String host = hostPort.isEmpty() ? "" : String.valueOf(hp[0] + i);
            if (cp[0] == cp[1] && hp[0] != hp[1]) {
                host = hp[0] + "-" + hp[1]; // one container port, a host range to pick from
            }
            out.add(new PortSpec((cp[0] + i) + "/" + p, ip, host));
        }
        return out;
    }

    /** The container port keys one {@code --expose} value makes ("8000-8002/udp" makes three). */
    public static List<String> expose(String raw) {
        int slash = raw.indexOf('/');
        String proto = slash < 0 ? "tcp" : raw.substring(slash + 1);
        String ports = slash < 0 ? raw : raw.substring(0, slash);
        int[] r = range(ports);
        if (r == null) {
            throw new BadValueException("invalid range format for --expose: " + raw);
        }
        List<String> out = new ArrayList<>();
        for (int p = r[0]; p <= r[1]; p++) {
            out.add(p + "/" + proto.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** "80" or "8000-8010" as {start, end}; null when either is not 0..65535 or end < start. */
    private static int[] range(String s) {
        int dash = s.indexOf('-');
        Integer start = port(dash < 0 ? s : s.substring(0, dash));
        Integer end = dash < 0 ? start : port(s.substring(dash + 1));
        if (start == null || end == null || end < start) {
            return null;
        }
        return new int[] {start, end};
    }

    private static Integer port(String s) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int v = Integer.parseInt(s);
        return v <= 65535 ? v : null;
    }
}

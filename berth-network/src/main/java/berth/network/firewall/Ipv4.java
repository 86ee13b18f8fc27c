package berth.network.firewall;

import berth.errors.BerthException;
import java.util.regex.Pattern;

/**
 * Checks the addresses and names that end up in iptables arguments, so nothing the engine hands down
 * can change a rule's meaning (a "+" in an interface name is a wildcard to iptables).
 */
final class Ipv4 {
    private static final Pattern DOTTED = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    private Ipv4() {}

    /** "10.0.0.5" (a "/24" suffix is dropped): the address; else INVALID_ARGUMENT naming {@code what}. */
    static String address(String s, String what) {
        String a = s == null ? "" : s.strip();
        int slash = a.indexOf('/');
        if (slash >= 0) {
            a = a.substring(0, slash);
        }
        if (!isAddress(a)) {
            throw BerthException.invalid("invalid " + what + " " + s + ": not an IPv4 address");
        }
        return a;
    }

    /** "10.0.0.0/24": as given; else INVALID_ARGUMENT naming {@code what}. */
    static String cidr(String s, String what) {
        int slash = s == null ? -1 : s.indexOf('/');
        if (slash < 0 || !isAddress(s.substring(0, slash)) || !s.substring(slash + 1).matches("\\d{1,2}")
                || Integer.parseInt(s.substring(slash + 1)) > 32) {
            throw BerthException.invalid("invalid " + what + " " + s + ": not an IPv4 subnet in CIDR notation");
        }
        return s;
    }

    /** A Linux bridge name iptables matches literally. */
    static String bridge(String s) {
        if (s == null || !INTERFACE.matcher(s).matches()) {
            throw BerthException.invalid("invalid bridge name " + s
                    + ": up to 15 letters, digits, '_', '.' or '-'");
        }
        return s;
    }

    /** The host address a binding publishes on: "" and "0.0.0.0" mean every local address. */
    static boolean anyAddress(String hostIp) {
        return hostIp.isEmpty() || hostIp.equals("0.0.0.0");
    }

    private static boolean isAddress(String s) {
        var m = DOTTED.matcher(s);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }
}

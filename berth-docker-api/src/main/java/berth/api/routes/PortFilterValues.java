package berth.api.routes;

import berth.errors.BerthException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The values of ps's {@code publish} and {@code expose} filters: "80", "80/udp" or a range
 * "8000-8080/tcp", each expanded to the port keys it covers ("80/tcp").
 */
final class PortFilterValues {
    private static final int MAX_RANGE = 65536;

    private PortFilterValues() {}

    static Set<String> keys(String filter, List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            int slash = v.indexOf('/');
            String ports = slash < 0 ? v : v.substring(0, slash);
            String proto = slash < 0 ? "tcp" : v.substring(slash + 1).toLowerCase(java.util.Locale.ROOT);
            int dash = ports.indexOf('-');
            int start = port(filter, v, dash < 0 ? ports : ports.substring(0, dash));
            int end = dash < 0 ? start : port(filter, v, ports.substring(dash + 1));
            if (end < start || end - start >= MAX_RANGE || proto.isEmpty()) {
                throw bad(filter, v);
            }
            for (int p = start; p <= end; p++) {
                out.add(p + "/" + proto);
            }
        }
        return out;
    }

    private static int port(String filter, String value, String raw) {
        try {
            int n = Integer.parseInt(raw);
            if (n >= 0 && n <= 65535 && raw.chars().allMatch(Character::isDigit)) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw bad(filter, value);
    }

    private static BerthException bad(String filter, String value) {
        return BerthException.invalid("invalid filter '" + filter + "=" + value
                + "': expected <port>[/<proto>] or <startport-endport>[/<proto>]");
    }
}

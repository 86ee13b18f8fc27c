package berth.runtime.runc;

import berth.container.CapabilityNames;
import berth.container.HostConfig;
import berth.errors.BerthException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The capability set a container gets, by Docker's rules (moby oci/caps TweakCapabilities): the
 * default set minus {@code --cap-drop} plus {@code --cap-add}, "ALL" on either side, and every
 * capability for {@code --privileged}. "Every" means every one the daemon itself holds in its
 * bounding set: a host whose bounding set lacks one (CAP_SYS_RESOURCE, bit 24, on our machines) cannot pass
 * it on, and asking runc for it fails the start, which is why Docker's --privileged fails there.
 */
final class Capabilities {
    /** Linux capabilities by bit number. */
    static final List<String> KNOWN = CapabilityNames.BY_BIT;

    private static final String ALL = "ALL";

    private Capabilities() {}

    /** The names set in a {@code CapBnd:} hex mask from /proc/&lt;pid&gt;/status. */
    static Set<String> fromMask(long mask) {
        Set<String> out = new LinkedHashSet<>();
        for (int bit = 0; bit < KNOWN.size(); bit++) {
            if ((mask & (1L << bit)) != 0) {
                out.add(KNOWN.get(bit));
            }
        }
        return out;
    }

    /** The bounding set in /proc/self/status text; every known capability when the line is missing. */
    static Set<String> boundingSet(String procStatus) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("CapBnd:")) {
                return fromMask(Long.parseUnsignedLong(line.substring("CapBnd:".length()).trim(), 16));
            }
        }
        return new LinkedHashSet<>(KNOWN);
    }

    /**
     * The capabilities to grant.
     *
     * @param bounding the daemon's own bounding set: the most any container can get
     * @throws BerthException INVALID_ARGUMENT when --cap-add names one the host cannot grant
     */
    static List<String> granted(HostConfig h, List<String> defaults, Set<String> bounding) {
        List<String> add = normalise(h.capAdd());
        List<String> drop = normalise(h.capDrop());
        Set<String> caps = new LinkedHashSet<>();
        if (h.privileged() || add.contains(ALL)) {
            for (String c : KNOWN) {
                if (bounding.contains(c) && (h.privileged() || !drop.contains(c))) {
                    caps.add(c);
                }
            }
            return List.copyOf(caps);
        }
        if (!drop.contains(ALL)) {
            for (String c : defaults) {
                if (!drop.contains(c)) {
                    caps.add(c);
                }
            }
        }
        for (String c : add) {
            if (!bounding.contains(c)) {
                throw BerthException.invalid("cannot add capability " + c
                        + ": the daemon's own bounding set does not hold it, so no container on this host can have it");
            }
            caps.add(c);
        }
        // Docker lets an explicit drop win over the default set, and an add win over a drop of ALL
        return List.copyOf(caps);
    }

    /** "net_admin" and "NET_ADMIN" mean CAP_NET_ADMIN, as in Docker. */
    static List<String> normalise(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String c = n.trim().toUpperCase(Locale.ROOT);
            out.add(c.equals(ALL) || c.startsWith("CAP_") ? c : "CAP_" + c);
        }
        return out;
    }
}

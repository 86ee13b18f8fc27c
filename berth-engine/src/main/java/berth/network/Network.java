package berth.network;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A network as {@code docker network inspect} shows it.
 *
 * @param id        64 hex
 * @param name      unique among networks
 * @param driver    "bridge", "macvlan", "ipvlan", "host" or "null"
 * @param internal  no route out of the network (and none in from outside)
 * @param ipam      the address pools (one IPv4 subnet each); empty for host and none
 * @param options   driver options as given ({@code parent}, {@code com.docker.network.bridge.name}, ...)
 * @param labels    user labels
 */
public record Network(String id, String name, String driver, Instant created, boolean internal, boolean attachable,
        List<IpamPool> ipam, Map<String, String> options, Map<String, String> labels) {
    public static final String DEFAULT_BRIDGE = "bridge";
    public static final String HOST = "host";
    public static final String NONE = "none";

    public Network {
        ipam = List.copyOf(ipam);
        options = Map.copyOf(options);
        labels = Map.copyOf(labels);
    }

    /** bridge, host and none: made by the daemon, never removed. */
    public boolean predefined() {
        return name.equals(DEFAULT_BRIDGE) || name.equals(HOST) || name.equals(NONE);
    }

    /** Whether containers on it get addresses and a network namespace plugged by a driver. */
    public boolean plugged() {
        return !driver.equals("host") && !driver.equals("null");
    }

    /** The embedded DNS serves user-defined networks only; the default bridge uses the host's resolvers, as in Docker. */
    public boolean hasDns() {
        return plugged() && !name.equals(DEFAULT_BRIDGE);
    }

    /** The Docker option that names a bridge network's Linux bridge. */
    public static final String BRIDGE_NAME_OPTION = "com.docker.network.bridge.name";

    /**
     * The Linux bridge of a bridge network: the option if given, {@code berth0} for the default bridge
     * (never Docker's docker0), else {@code berth-} and the id's first 9 digits (15 characters, the
     * kernel's limit).
     */
    public String bridgeName() {
        String given = options.get(BRIDGE_NAME_OPTION);
        if (given != null && !given.isEmpty()) {
            return given;
        }
        return name.equals(DEFAULT_BRIDGE) ? "berth0" : "berth-" + id.substring(0, 9);
    }
}

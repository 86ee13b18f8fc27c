package berth.network;

import java.util.List;
import java.util.Map;

/**
 * What {@code network create} asks for. An empty {@code ipam} lets the daemon pick a free subnet.
 *
 * @param driver "bridge" (default), "macvlan" or "ipvlan"
 */
public record NetworkSpec(String name, String driver, boolean internal, boolean attachable, List<IpamPool> ipam,
        Map<String, String> options, Map<String, String> labels) {
    public NetworkSpec {
        driver = driver == null || driver.isEmpty() ? "bridge" : driver;
        ipam = ipam == null ? List.of() : List.copyOf(ipam);
        options = options == null ? Map.of() : Map.copyOf(options);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}

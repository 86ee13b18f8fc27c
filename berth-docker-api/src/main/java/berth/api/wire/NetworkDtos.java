package berth.api.wire;

import berth.network.Endpoint;
import berth.network.IpamPool;
import berth.network.Network;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Wire shapes of the {@code /networks} endpoints, as dockerd writes them. */
public final class NetworkDtos {
    private NetworkDtos() {}

    /** {@code GET /networks} items and {@code GET /networks/{id}}; list items have empty Containers. */
    public record NetworkJson(String name, String id, String created, String scope, String driver,
            @JsonProperty("EnableIPv6") boolean enableIpv6, @JsonProperty("IPAM") Ipam ipam, boolean internal, boolean attachable,
            boolean ingress, ConfigFrom configFrom, boolean configOnly, Map<String, ContainerEntry> containers,
            Map<String, String> options, Map<String, String> labels) {}

    public record Ipam(String driver, Map<String, String> options, List<IpamConfig> config) {}

    /** Go's omitempty on every field: a network without a gateway shows none. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record IpamConfig(String subnet, @JsonProperty("IPRange") String ipRange, String gateway) {}

    public record ConfigFrom(String network) {}

    /** A running container on the network, as {@code network inspect} lists it. */
    public record ContainerEntry(String name, @JsonProperty("EndpointID") String endpointId, String macAddress,
            @JsonProperty("IPv4Address") String ipv4Address, @JsonProperty("IPv6Address") String ipv6Address) {}

    public record CreateResponse(String id, String warning) {}

    public record PruneResponse(List<String> networksDeleted) {}

    /**
     * A network with the containers plugged into it, keyed by container id; {@code names} gives each
     * one's name (without the slash). Containers that are on it but not running are not listed, as in
     * Docker, whose endpoints exist only while a container runs.
     */
    public static NetworkJson of(Network n, Map<String, Endpoint> containers, Map<String, String> names) {
        Map<String, ContainerEntry> entries = new LinkedHashMap<>();
        containers.forEach((id, e) -> {
            if (!e.ipAddress().isEmpty() || !n.plugged()) {
                entries.put(id, new ContainerEntry(names.getOrDefault(id, ""), e.endpointId(), e.macAddress(),
                        e.ipAddress().isEmpty() ? "" : e.ipAddress() + "/" + e.prefixLen(), ""));
            }
        });
        List<IpamConfig> pools = n.ipam().stream().map(NetworkDtos::pool).toList();
        return new NetworkJson(n.name(), n.id(), Times.rfc3339Nano(n.created()), "local", n.driver(), false,
                new Ipam("default", null, pools), n.internal(), n.attachable(), false, new ConfigFrom(""), false,
                entries, n.options(), n.labels());
    }

    /** A list item: Containers is empty in {@code GET /networks}, as in dockerd. */
    public static NetworkJson of(Network n) {
        return of(n, Map.of(), Map.of());
    }

    private static IpamConfig pool(IpamPool p) {
        return new IpamConfig(p.subnet(), p.ipRange(), p.gateway());
    }
}

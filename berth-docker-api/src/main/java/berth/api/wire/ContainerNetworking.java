package berth.api.wire;

import berth.network.Endpoint;
import berth.network.PortBinding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the network service knows about one container, for inspect and ps: its endpoints by network
 * name (addresses "" while it is not plugged in) and the ports published for it while it runs.
 */
public record ContainerNetworking(Map<String, Endpoint> endpoints, List<PortBinding> ports) {
    /** A daemon without networks (test fakes): inspect shows the network mode, unconnected. */
    public static final ContainerNetworking NONE = new ContainerNetworking(Map.of(), List.of());

    public ContainerNetworking {
        endpoints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        ports = List.copyOf(ports);
    }
}

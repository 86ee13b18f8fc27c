package berth.api.wire;

import berth.container.Container;
import berth.network.Endpoint;
import berth.network.EndpointConfig;
import berth.network.Network;
import berth.network.PortBinding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The networking parts of container inspect and ps: {@code NetworkSettings} (networks, published
 * ports, and the legacy top-level fields Docker fills from the default bridge endpoint),
 * {@code HostConfig.PortBindings}, and a summary's {@code Ports}.
 */
final class NetworkSettingsMapper {
    /** Docker's HostIp for a binding on every address. */
    private static final String ANY = "0.0.0.0";

    private NetworkSettingsMapper() {}

    static ContainerDtos.NetworkSettings networkSettings(Container c, ContainerNetworking n) {
        Map<String, ContainerDtos.Endpoint> networks = networks(c, n);
        Endpoint bridge = n.endpoints().get(Network.DEFAULT_BRIDGE);
        boolean onBridge = bridge != null && !bridge.ipAddress().isEmpty();
        String sandboxKey = c.state().running() && c.state().pid() > 0 && !n.endpoints().isEmpty()
                ? "/proc/" + c.state().pid() + "/ns/net" : "";
        return new ContainerDtos.NetworkSettings("", "", sandboxKey, ports(c, n),
                onBridge ? bridge.endpointId() : "", onBridge ? bridge.gateway() : "", "", 0,
                onBridge ? bridge.ipAddress() : "", onBridge ? bridge.prefixLen() : 0, "",
                onBridge ? bridge.macAddress() : "", networks);
    }

    static Map<String, ContainerDtos.Endpoint> networks(Container c, ContainerNetworking n) {
        if (n.endpoints().isEmpty() && c.networkMode().startsWith("container:")) {
            return Map.of(); // in another container's namespace: no endpoint of its own, as in Docker
        }
        if (n.endpoints().isEmpty()) {
            return Map.of(ContainerMapper.wireNetworkMode(c.networkMode()), ContainerDtos.Endpoint.unconnected());
        }
        Map<String, ContainerDtos.Endpoint> out = new LinkedHashMap<>();
        n.endpoints().forEach((name, e) -> out.put(name, endpoint(e)));
        return out;
    }

    static ContainerDtos.Endpoint endpoint(Endpoint e) {
        EndpointConfig cfg = e.config();
        return new ContainerDtos.Endpoint(
                cfg.ipv4Address().isEmpty() ? null : new ContainerDtos.IpamConfig(cfg.ipv4Address()),
                cfg.links().isEmpty() ? null : cfg.links(), cfg.aliases().isEmpty() ? null : cfg.aliases(),
                e.networkId(), e.endpointId(), e.gateway(), e.ipAddress(), e.prefixLen(), "", "", 0,
                e.macAddress(), null, e.dnsNames().isEmpty() ? null : e.dnsNames());
    }

    /**
     * {@code NetworkSettings.Ports} of a running container: every exposed port (null when not
     * published) and every published binding; empty when it does not run, as in Docker.
     */
    static Map<String, List<ContainerDtos.PortMapping>> ports(Container c, ContainerNetworking n) {
        Map<String, List<ContainerDtos.PortMapping>> out = new LinkedHashMap<>();
        String mode = c.networkMode();
        if (!c.state().running() || mode.equals(Network.HOST) || mode.equals(Network.NONE) || mode.startsWith("container:")) {
            return out;
        }
        for (String exposed : c.config().exposedPorts()) {
            out.put(exposed.contains("/") ? exposed : exposed + "/tcp", null);
        }
        for (PortBinding b : n.ports()) {
            List<ContainerDtos.PortMapping> list = out.get(b.key());
            if (list == null) {
                list = new ArrayList<>();
                out.put(b.key(), list);
            }
            list.add(new ContainerDtos.PortMapping(b.hostIp().isEmpty() ? ANY : b.hostIp(), String.valueOf(b.hostPort())));
        }
        return out;
    }

    /** {@code HostConfig.PortBindings} as the create asked for them: HostPort "" for an ephemeral port. */
    static Map<String, List<ContainerDtos.PortMapping>> portBindings(List<PortBinding> bindings) {
        Map<String, List<ContainerDtos.PortMapping>> out = new LinkedHashMap<>();
        for (PortBinding b : bindings) {
            out.computeIfAbsent(b.key(), k -> new ArrayList<>()).add(new ContainerDtos.PortMapping(b.hostIp(),
                    b.hostPort() == 0 ? "" : String.valueOf(b.hostPort())));
        }
        return out;
    }

    /** A summary's Ports: published bindings with IP and PublicPort, exposed-only ports without. */
    static List<Object> summaryPorts(Container c, ContainerNetworking n) {
        List<ContainerDtos.SummaryPort> out = new ArrayList<>();
        ports(c, n).forEach((key, bindings) -> {
            int slash = key.indexOf('/');
            int number;
            try {
                number = Integer.parseInt(slash < 0 ? key : key.substring(0, slash));
            } catch (NumberFormatException notOnePort) {
                return; // an image may expose a range ("8000-8010/tcp"); ps lists single ports only
            }
            String proto = slash < 0 ? "tcp" : key.substring(slash + 1);
            if (bindings == null) {
                out.add(new ContainerDtos.SummaryPort(null, number, null, proto));
                return;
            }
            for (ContainerDtos.PortMapping m : bindings) {
                out.add(new ContainerDtos.SummaryPort(m.hostIp(), number, Integer.valueOf(m.hostPort()), proto));
            }
        });
        out.sort(Comparator.comparingInt(ContainerDtos.SummaryPort::privatePort));
        return new ArrayList<>(out);
    }
}

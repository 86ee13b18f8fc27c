package berth.api.fake;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.network.Endpoint;
import berth.network.EndpointConfig;
import berth.network.IpamPool;
import berth.network.Network;
import berth.network.NetworkFilter;
import berth.network.NetworkService;
import berth.network.NetworkSpec;
import berth.network.PortBinding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Networks in memory, with the engine's messages: bridge, host and none exist from the start;
 * containers join by name; {@link #plugIn} gives one an address, {@link #publishedPorts} its ports.
 */
public final class FakeNetworkService implements NetworkService {
    private final Map<String, Network> byId = new LinkedHashMap<>();
    /** container id → network name → endpoint. */
    private final Map<String, Map<String, Endpoint>> endpoints = new ConcurrentHashMap<>();
    /** container id → published ports. */
    public final Map<String, List<PortBinding>> publishedPorts = new ConcurrentHashMap<>();
    private int nextSubnet = 18;

    public FakeNetworkService() {
        add(new NetworkSpec(Network.DEFAULT_BRIDGE, "bridge", false, false,
                List.of(new IpamPool("172.17.0.0/16", "172.17.0.1", "")), Map.of(), Map.of()));
        add(new NetworkSpec(Network.HOST, "host", false, false, List.of(), Map.of(), Map.of()));
        add(new NetworkSpec(Network.NONE, "null", false, false, List.of(), Map.of(), Map.of()));
    }

    @Override
    public synchronized Network create(NetworkSpec spec) {
        if (byId.values().stream().anyMatch(n -> n.name().equals(spec.name()))) {
            throw new BerthException(ErrorKind.CONFLICT, "network with name " + spec.name() + " already exists");
        }
        if (!spec.driver().equals("bridge")) {
            throw BerthException.invalid("could not find plugin " + spec.driver() + " in v1 plugin registry: plugin not found");
        }
        List<IpamPool> ipam = spec.ipam().isEmpty()
                ? List.of(new IpamPool("172." + nextSubnet + ".0.0/16", "172." + nextSubnet++ + ".0.1", ""))
                : spec.ipam();
        return add(new NetworkSpec(spec.name(), spec.driver(), spec.internal(), spec.attachable(), ipam,
                spec.options(), spec.labels()));
    }

    private Network add(NetworkSpec s) {
        byte[] raw = new byte[32];
        ThreadLocalRandom.current().nextBytes(raw);
        Network n = new Network(HexFormat.of().formatHex(raw), s.name(), s.driver(), Instant.parse("2026-01-02T03:04:05Z"),
                s.internal(), s.attachable(), s.ipam(), s.options(), s.labels());
        byId.put(n.id(), n);
        return n;
    }

    @Override
    public synchronized Network inspect(String ref) {
        for (Network n : byId.values()) {
            if (n.id().equals(ref) || n.name().equals(ref)) {
                return n;
            }
        }
        List<Network> prefixed = byId.values().stream().filter(n -> n.id().startsWith(ref)).toList();
        if (prefixed.size() == 1) {
            return prefixed.getFirst();
        }
        throw BerthException.notFound("network " + ref + " not found");
    }

    @Override
    public synchronized List<Network> list(NetworkFilter filter) {
        return byId.values().stream().filter(n -> filter.matches(n, !containers(n.id()).isEmpty())).toList();
    }

    @Override
    public synchronized void remove(String ref) {
        Network n = inspect(ref);
        if (n.predefined()) {
            throw new BerthException(ErrorKind.PERMISSION_DENIED, n.name() + " is a pre-defined network and cannot be removed");
        }
        if (!containers(n.id()).isEmpty()) {
            throw new BerthException(ErrorKind.PERMISSION_DENIED, "error while removing network: network " + n.name()
                    + " id " + n.id() + " has active endpoints");
        }
        byId.remove(n.id());
    }

    @Override
    public synchronized List<String> prune(NetworkFilter filter) {
        List<String> removed = new ArrayList<>();
        for (Network n : List.copyOf(byId.values())) {
            if (!n.predefined() && containers(n.id()).isEmpty() && filter.matches(n, false)) {
                byId.remove(n.id());
                removed.add(n.name());
            }
        }
        return removed;
    }

    @Override
    public Map<String, Endpoint> containers(String networkId) {
        Map<String, Endpoint> out = new LinkedHashMap<>();
        endpoints.forEach((cid, eps) -> eps.values().stream().filter(e -> e.networkId().equals(networkId))
                .forEach(e -> out.put(cid, e)));
        return out;
    }

    @Override
    public Map<String, EndpointConfig> memberships(String containerId) {
        Map<String, EndpointConfig> out = new LinkedHashMap<>();
        endpoints(containerId).forEach((name, e) -> out.put(name, e.config()));
        return out;
    }

    @Override
    public synchronized Network join(String containerId, String containerName, String networkRef, EndpointConfig config) {
        Network n = inspect(networkRef);
        Map<String, Endpoint> eps = endpoints.computeIfAbsent(containerId, k -> new ConcurrentHashMap<>());
        if (eps.containsKey(n.name())) {
            throw new BerthException(ErrorKind.PERMISSION_DENIED, "endpoint with name " + containerName
                    + " already exists in network " + n.name());
        }
        eps.put(n.name(), new Endpoint(n.id(), n.name(), "", "", "", 0, "", "", config,
                List.of(containerName, containerId.substring(0, 12))));
        return n;
    }

    @Override
    public void leave(String containerId, String networkRef) {
        Network n = inspect(networkRef);
        Map<String, Endpoint> eps = endpoints.getOrDefault(containerId, Map.of());
        if (!eps.containsKey(n.name())) {
            throw BerthException.invalid("container " + containerId + " is not connected to network " + networkRef);
        }
        eps.remove(n.name());
    }

    @Override
    public void forget(String containerId) {
        endpoints.remove(containerId);
        publishedPorts.remove(containerId);
    }

    /** What plug would do for one network: an address from the network's first pool. */
    public void plugIn(String containerId, String networkName, String ip) {
        Map<String, Endpoint> eps = endpoints.get(containerId);
        Endpoint e = eps.get(networkName);
        IpamPool pool = inspect(networkName).ipam().getFirst();
        eps.put(networkName, new Endpoint(e.networkId(), e.networkName(), "ep" + e.networkId().substring(0, 10),
                "eth0", ip, Integer.parseInt(pool.subnet().substring(pool.subnet().indexOf('/') + 1)), pool.gateway(),
                "02:42:ac:11:00:02", e.config(), e.dnsNames()));
    }

    @Override
    public List<Endpoint> plug(String containerId, String containerName, int pid, List<PortBinding> ports,
            List<String> dnsServers) {
        throw new UnsupportedOperationException("not used by the API");
    }

    @Override
    public Endpoint plugOne(String containerId, String networkRef, int pid) {
        throw new UnsupportedOperationException("not used by the API");
    }

    @Override
    public void unplugOne(String containerId, String networkRef, int pid) {
        throw new UnsupportedOperationException("not used by the API");
    }

    @Override
    public void unplug(String containerId) {
        publishedPorts.remove(containerId);
    }

    @Override
    public Map<String, Endpoint> endpoints(String containerId) {
        return Map.copyOf(endpoints.getOrDefault(containerId, Map.of()));
    }

    @Override
    public List<PortBinding> ports(String containerId) {
        return publishedPorts.getOrDefault(containerId, List.of());
    }

    @Override
    public void rename(String containerId, String newName) {
        // the fake has no DNS to tell
    }

    @Override
    public void reconcile(Map<String, Integer> running) {
        // nothing to rebuild in memory
    }
}

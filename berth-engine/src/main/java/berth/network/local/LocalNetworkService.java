package berth.network.local;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.events.Event;
import berth.events.EventSink;
import berth.network.ContainerDns;
import berth.network.Endpoint;
import berth.network.EndpointConfig;
import berth.network.IpamPool;
import berth.network.Network;
import berth.network.NetworkDriver;
import berth.network.NetworkFilter;
import berth.network.NetworkService;
import berth.network.NetworkSpec;
import berth.network.PacketFilter;
import berth.network.PortBinding;
import berth.network.local.ContainerNetworking.Membership;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The network service on one host. State lives in memory, loaded at start, and every change is
 * written to its file before it takes effect (see {@link berth.network} for the files). The slow
 * steps — the CNI plugins, iptables — run outside the service's lock; a container's own operations
 * are serialised by the container service.
 */
public final class LocalNetworkService implements NetworkService {
    private static final System.Logger LOG = System.getLogger(LocalNetworkService.class.getName());
    /** moby's network name rule. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final NetworkStore store;
    private final Map<String, NetworkDriver> drivers = new LinkedHashMap<>();
    private final PacketFilter filter;
    private final ContainerDns dns;
    private final java.util.function.BiConsumer<String, Path> loopbackUp;
    private final EventSink events;
    private final String defaultBridge;
    private final java.util.function.Supplier<List<Cidr>> hostRoutes;
    private final AddressBook addresses = new AddressBook();
    private final DnsNames names;
    /** Networks by id. Guarded by this for changes. */
    private final Map<String, Network> networks = new ConcurrentHashMap<>();
    /** Container networking by container id. Guarded by this for changes. */
    private final Map<String, ContainerNetworking> containers = new ConcurrentHashMap<>();

    /**
     * @param loopbackUp brings a new namespace's loopback up (container id, namespace path)
     */
    public LocalNetworkService(Path dataRoot, Collection<NetworkDriver> drivers, PacketFilter filter, ContainerDns dns,
            java.util.function.BiConsumer<String, Path> loopbackUp, EventSink events) throws IOException {
        this(dataRoot, "berth0", drivers, filter, dns, loopbackUp, events);
    }

    /**
     * @param defaultBridge the Linux bridge of the default {@code bridge} network when it is first made;
     *                      null: no default bridge (dockerd's {@code --bridge=none})
     */
    public LocalNetworkService(Path dataRoot, String defaultBridge, Collection<NetworkDriver> drivers,
            PacketFilter filter, ContainerDns dns, java.util.function.BiConsumer<String, Path> loopbackUp,
            EventSink events) throws IOException {
        this(dataRoot, defaultBridge, drivers, filter, dns, loopbackUp, events, HostRoutes::read);
    }

    /** @param hostRoutes the host's routes, which new subnets must not overlap (tests: none) */
    LocalNetworkService(Path dataRoot, String defaultBridge, Collection<NetworkDriver> drivers,
            PacketFilter filter, ContainerDns dns, java.util.function.BiConsumer<String, Path> loopbackUp,
            EventSink events, java.util.function.Supplier<List<Cidr>> hostRoutes) throws IOException {
        this.hostRoutes = hostRoutes;
        this.defaultBridge = defaultBridge;
        this.store = new NetworkStore(dataRoot);
        this.loopbackUp = loopbackUp;
        drivers.forEach(d -> d.names().forEach(n -> this.drivers.put(n, d)));
        this.filter = filter;
        this.dns = dns;
        this.events = events;
        this.names = new DnsNames(networks::get, containers::get, containers::values);
        for (Network n : store.loadNetworks()) {
            networks.put(n.id(), n);
        }
        for (ContainerNetworking c : store.loadContainers()) {
            containers.put(c.containerId(), c);
        }
        ensurePredefined();
    }

    /** bridge, host and none exist from the first start on, with ids that then stay. */
    private void ensurePredefined() {
        if (byName(Network.HOST).isEmpty()) {
            save(newNetwork(Network.HOST, "host", false, List.of(), Map.of(), Map.of()));
        }
        if (byName(Network.NONE).isEmpty()) {
            save(newNetwork(Network.NONE, "null", false, List.of(), Map.of(), Map.of()));
        }
        if (byName(Network.DEFAULT_BRIDGE).isEmpty() && defaultBridge != null) {
            List<Cidr> taken = new ArrayList<>(hostRoutes.get());
            taken.addAll(subnetsInUse());
            Cidr subnet = SubnetChooser.defaultBridge(taken).orElseThrow(() -> BerthException.internal(
                    "no free subnet for the default bridge among " + String.join(", ",
                            SubnetChooser.DEFAULT_BRIDGE_CANDIDATES), null));
            save(newNetwork(Network.DEFAULT_BRIDGE, "bridge", false,
                    List.of(new IpamPool(subnet.toString(), Cidr.format(SubnetChooser.gatewayOf(subnet)), "")),
                    Map.of(Network.BRIDGE_NAME_OPTION, defaultBridge,
                            "com.docker.network.bridge.default_bridge", "true",
                            "com.docker.network.bridge.enable_icc", "true",
                            "com.docker.network.bridge.enable_ip_masquerade", "true",
                            "com.docker.network.bridge.host_binding_ipv4", "0.0.0.0",
                            "com.docker.network.driver.mtu", "1500"), Map.of()));
        }
    }

    private static Network newNetwork(String name, String driver, boolean internal, List<IpamPool> ipam,
            Map<String, String> options, Map<String, String> labels) {
        return new Network(randomId(), name, driver, Instant.now(), internal, false, ipam, options, labels);
    }

    private void save(Network n) {
        store.save(n);
        networks.put(n.id(), n);
    }

    // ---- networks ----

    @Override
    public Network create(NetworkSpec spec) {
        if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
            throw BerthException.invalid("invalid network name \"" + spec.name()
                    + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        NetworkDriver driver = drivers.get(spec.driver());
        if (driver == null) {
            if (spec.driver().equals("host") || spec.driver().equals("null")) {
                throw new BerthException(ErrorKind.PERMISSION_DENIED, "only one instance of \"" + spec.driver()
                        + "\" network is allowed");
            }
            throw BerthException.notFound("plugin \"" + spec.driver() + "\" not found");
        }
        if (spec.ipam().size() > 1) {
            throw BerthException.notImplemented("berth networks have one IPv4 subnet");
        }
        boolean bridge = spec.driver().equals("bridge");
        Network n;
        synchronized (this) {
            if (byName(spec.name()).isPresent()) {
                throw BerthException.conflict("network with name " + spec.name() + " already exists");
            }
            IpamPool pool = pool(spec, bridge);
            Map<String, String> options = spec.options();
            n = new Network(randomId(), spec.name(), spec.driver(), Instant.now(), spec.internal(), spec.attachable(),
                    List.of(pool), options, spec.labels());
            if (bridge && networks.values().stream().anyMatch(o -> isBridge(o) && o.bridgeName().equals(
                    n.bridgeName()))) {
                throw BerthException.conflict("bridge name " + n.bridgeName() + " is used by another network");
            }
            // taken while the plumbing is made, so a concurrent create cannot pick the same subnet
            networks.put(n.id(), n);
        }
        try {
            driver.create(n);
            try {
                if (bridge) {
                    filter.addNetwork(rules(n));
                }
                berth.store.CrashPoints.reach("network-created");
                store.save(n);
            } catch (RuntimeException e) {
                driver.remove(n);
                throw e;
            }
        } catch (RuntimeException e) {
            networks.remove(n.id());
            throw e;
        }
        publish(n, "create", Map.of());
        return n;
    }

    /** The pool as asked for, checked, or a free /24 when none was asked for. */
    private IpamPool pool(NetworkSpec spec, boolean bridge) {
        if (spec.ipam().isEmpty() || spec.ipam().getFirst().subnet().isEmpty()) {
            if (!spec.ipam().isEmpty() && !spec.ipam().getFirst().gateway().isEmpty()) {
                throw BerthException.invalid("a gateway needs a subnet (--subnet)");
            }
            List<Cidr> taken = new ArrayList<>(hostRoutes.get());
            taken.addAll(subnetsInUse());
            Cidr subnet = SubnetChooser.userNetwork(taken).orElseThrow(() -> BerthException.conflict(
                    "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network"));
            return new IpamPool(subnet.toString(), Cidr.format(SubnetChooser.gatewayOf(subnet)), "");
        }
        IpamPool asked = spec.ipam().getFirst();
        if (asked.subnet().contains(":")) {
            throw BerthException.notImplemented("berth networks are IPv4 only: " + asked.subnet());
        }
        Cidr subnet = Cidr.parse(asked.subnet(), "subnet");
        if (!asked.subnet().startsWith(Cidr.format(subnet.base()) + "/")) {
            subnet = new Cidr(subnet.base(), subnet.bits()); // Docker accepts 10.1.2.3/24 and uses 10.1.2.0/24
        }
        for (Cidr other : subnetsInUse()) {
            if (other.overlaps(subnet)) {
                throw BerthException.conflict("Pool overlaps with other one on this address space");
            }
        }
        String gateway = asked.gateway();
        if (!gateway.isEmpty()) {
            int g = Cidr.address(gateway, "gateway");
            if (!subnet.contains(g)) {
                throw BerthException.invalid("Invalid gateway " + gateway + ": not in subnet " + subnet);
            }
        } else if (bridge || !spec.internal()) {
            gateway = Cidr.format(SubnetChooser.gatewayOf(subnet));
        }
        String range = asked.ipRange();
        if (!range.isEmpty()) {
            Cidr r = Cidr.parse(range, "ip-range");
            if (!subnet.contains(r)) {
                throw BerthException.invalid("Invalid ip-range " + range + ": not in subnet " + subnet);
            }
            range = r.toString();
        }
        return new IpamPool(subnet.toString(), gateway, range);
    }

    private List<Cidr> subnetsInUse() {
        List<Cidr> out = new ArrayList<>();
        for (Network n : networks.values()) {
            for (IpamPool p : n.ipam()) {
                if (!p.subnet().isEmpty()) {
                    out.add(Cidr.parse(p.subnet(), "subnet"));
                }
            }
        }
        return out;
    }

    @Override
    public Network inspect(String ref) {
        return find(ref).orElseThrow(() -> BerthException.notFound("network " + ref + " not found"));
    }

    private Optional<Network> find(String ref) {
        if (ref == null || ref.isEmpty()) {
            return Optional.empty();
        }
        Network byId = networks.get(ref);
        if (byId != null) {
            return Optional.of(byId);
        }
        Optional<Network> named = byName(ref);
        if (named.isPresent()) {
            return named;
        }
        List<Network> prefixed = networks.values().stream().filter(n -> n.id().startsWith(ref)).toList();
        if (prefixed.size() > 1) {
            throw BerthException.invalid("network " + ref + " is ambiguous (" + prefixed.size() + " matches found on id)");
        }
        return prefixed.stream().findFirst();
    }

    private Optional<Network> byName(String name) {
        return networks.values().stream().filter(n -> n.name().equals(name)).findFirst();
    }

    @Override
    public List<Network> list(NetworkFilter f) {
        return networks.values().stream()
                .filter(n -> f.matches(n, inUse(n.id())))
                .sorted(java.util.Comparator.comparing(Network::created))
                .toList();
    }

    private boolean inUse(String networkId) {
        return containers.values().stream()
                .anyMatch(c -> c.memberships().stream().anyMatch(m -> m.networkId().equals(networkId)));
    }

    @Override
    public void remove(String ref) {
        Network n = inspect(ref);
        if (n.predefined()) {
            throw new BerthException(ErrorKind.PERMISSION_DENIED, n.name()
                    + " is a pre-defined network and cannot be removed");
        }
        synchronized (this) {
            if (!networks.containsKey(n.id())) {
                throw BerthException.notFound("network " + ref + " not found");
            }
            if (inUse(n.id())) {
                throw new BerthException(ErrorKind.PERMISSION_DENIED, "error while removing network: network "
                        + n.name() + " id " + n.id() + " has active endpoints");
            }
            store.delete(n);
            networks.remove(n.id());
            addresses.forgetNetwork(n.id());
        }
        // the record is gone first: a crash now leaves a bridge that reconcile removes
        if (isBridge(n)) {
            filter.removeNetwork(rules(n));
        }
        driverOf(n).ifPresent(d -> d.remove(n));
        publish(n, "destroy", Map.of());
    }

    @Override
    public List<String> prune(NetworkFilter f) {
        List<String> removed = new ArrayList<>();
        for (Network n : list(f)) {
            if (n.predefined() || inUse(n.id())) {
                continue;
            }
            try {
                remove(n.id());
                removed.add(n.name());
            } catch (BerthException e) {
                LOG.log(System.Logger.Level.INFO, "prune kept network " + n.name() + ": " + e.getMessage());
            }
        }
        return removed;
    }

    @Override
    public Map<String, Endpoint> containers(String networkId) {
        Map<String, Endpoint> out = new LinkedHashMap<>();
        Network n = inspect(networkId);
        for (ContainerNetworking c : containers.values()) {
            for (Membership m : c.memberships()) {
                if (m.networkId().equals(n.id())) {
                    out.put(c.containerId(), endpoint(c, m));
                }
            }
        }
        return out;
    }

    // ---- memberships ----

    @Override
    public Map<String, EndpointConfig> memberships(String containerId) {
        Map<String, EndpointConfig> out = new LinkedHashMap<>();
        ContainerNetworking c = containers.get(containerId);
        if (c != null) {
            for (Membership m : c.memberships()) {
                Network n = networks.get(m.networkId());
                if (n != null) {
                    out.put(n.name(), m.config());
                }
            }
        }
        return out;
    }

    @Override
    public synchronized Network join(String containerId, String containerName, String networkRef, EndpointConfig config) {
        Network n = inspect(networkRef);
        ContainerNetworking c = containers.getOrDefault(containerId,
                new ContainerNetworking(containerId, containerName, List.of(), List.of()));
        if (c.memberships().stream().anyMatch(m -> m.networkId().equals(n.id()))) {
            throw new BerthException(ErrorKind.PERMISSION_DENIED, "endpoint with name " + containerName
                    + " already exists in network " + n.name());
        }
        boolean exclusive = !n.plugged();
        boolean hasExclusive = c.memberships().stream().map(m -> networks.get(m.networkId()))
                .anyMatch(o -> o != null && !o.plugged());
        if (!c.memberships().isEmpty() && (exclusive || hasExclusive)) {
            throw new BerthException(ErrorKind.PERMISSION_DENIED,
                    "container cannot be disconnected from host network or connected to host network");
        }
        if ((!config.aliases().isEmpty() || !config.ipv4Address().isEmpty()) && !n.hasDns() && n.plugged()
                && n.name().equals(Network.DEFAULT_BRIDGE)) {
            throw BerthException.invalid(config.ipv4Address().isEmpty()
                    ? "network-scoped alias is supported only for containers in user defined networks"
                    : "user specified IP address is supported on user defined networks only");
        }
        if (!config.ipv4Address().isEmpty()) {
            int wanted = Cidr.address(config.ipv4Address(), "IPv4 address");
            Cidr subnet = Cidr.parse(n.ipam().getFirst().subnet(), "subnet");
            if (!subnet.contains(wanted)) {
                throw BerthException.invalid("Invalid address " + config.ipv4Address()
                        + ": It does not belong to any of this network's subnets");
            }
        }
        List<Membership> ms = new ArrayList<>(c.memberships());
        ms.add(new Membership(n.id(), config, randomId(), "", "", 0, "", ""));
        ContainerNetworking updated = c.withName(containerName).withMemberships(ms);
        store.save(updated);
        containers.put(containerId, updated);
        return n;
    }

    @Override
    public synchronized void leave(String containerId, String networkRef) {
        Network n = inspect(networkRef);
        ContainerNetworking c = containers.get(containerId);
        if (c == null || c.memberships().stream().noneMatch(m -> m.networkId().equals(n.id()))) {
            throw BerthException.invalid("container " + containerId + " is not connected to network " + n.name());
        }
        List<Membership> ms = new ArrayList<>(c.memberships());
        ms.removeIf(m -> m.networkId().equals(n.id()));
        ContainerNetworking updated = c.withMemberships(ms);
        store.save(updated);
        containers.put(containerId, updated);
    }

    @Override
    public void forget(String containerId) {
        unplug(containerId);
        synchronized (this) {
            containers.remove(containerId);
            store.delete(containerId);
        }
    }

    @Override
    public synchronized void rename(String containerId, String newName) {
        ContainerNetworking c = containers.get(containerId);
        if (c != null) {
            ContainerNetworking updated = c.withName(newName);
            store.save(updated);
            containers.put(containerId, updated);
        }
    }

    // ---- plugging ----

    @Override
    public List<Endpoint> plug(String containerId, String containerName, int pid, List<PortBinding> ports,
            List<String> dnsServers) {
        ContainerNetworking c = containers.get(containerId);
        if (c == null || c.memberships().isEmpty()) {
            return List.of();
        }
        Path netns = netns(pid);
        List<Membership> plugged = new ArrayList<>();
        boolean routed = false;
        boolean hostNet = c.memberships().stream().map(m -> networks.get(m.networkId()))
                .anyMatch(n -> n != null && n.driver().equals("host"));
        try {
            if (!hostNet) {
                loopbackUp.accept(containerId, netns);
            }
            int index = 0;
            for (Membership m : c.memberships()) {
                Network n = networks.get(m.networkId());
                if (n == null || !n.plugged()) {
                    plugged.add(m);
                    continue;
                }
                Membership p = plugInto(containerId, n, m, netns, "eth" + index++, !routed && hasGateway(n));
                routed |= hasGateway(n);
                plugged.add(p); // its address is on disk already (plugInto); the rest is written below
            }
            List<PortBinding> published = publish(containerId, plugged, ports);
            ContainerNetworking done;
            synchronized (this) {
                done = containers.get(containerId).withMemberships(plugged).withPublished(published)
                        .withDnsServers(dnsServers);
                store.save(done);
                containers.put(containerId, done);
            }
            if (plugged.stream().anyMatch(m -> m.plugged() && networks.get(m.networkId()).hasDns())) {
                dns.serve(containerId, netns, names::lookup, dnsServers);
            }
            List<Endpoint> out = new ArrayList<>();
            for (Membership m : done.memberships()) {
                out.add(endpoint(done, m));
                Network n = networks.get(m.networkId());
                if (n != null && m.plugged()) {
                    publish(n, "connect", Map.of("container", containerId));
                }
            }
            return out;
        } catch (RuntimeException e) {
            unplug(containerId);
            throw e;
        }
    }

    private static boolean hasGateway(Network n) {
        return !n.internal() && !n.ipam().isEmpty() && !n.ipam().getFirst().gateway().isEmpty();
    }

    private Membership plugInto(String containerId, Network n, Membership m, Path netns, String ifName,
            boolean defaultRoute) {
        IpamPool pool = n.ipam().getFirst();
        Cidr subnet = Cidr.parse(pool.subnet(), "subnet");
        Cidr range = pool.ipRange().isEmpty() ? subnet : Cidr.parse(pool.ipRange(), "ip-range");
        int gateway = pool.gateway().isEmpty() ? 0 : Cidr.address(pool.gateway(), "gateway");
        int wanted = m.config().ipv4Address().isEmpty() ? 0 : Cidr.address(m.config().ipv4Address(), "address");
        int ip = addresses.take(n.id(), subnet, range, gateway, wanted);
        Membership taken = new Membership(n.id(), m.config(), m.endpointId(), ifName, Cidr.format(ip), subnet.bits(),
                pool.gateway(), "");
        // recorded before the plumbing: an address in a file is taken, so a crash cannot hand it out twice
        synchronized (this) {
            ContainerNetworking current = containers.get(containerId);
            ContainerNetworking updated = current.mapMemberships(x -> x.networkId().equals(n.id()) ? taken : x);
            store.save(updated);
            containers.put(containerId, updated);
        }
        String mac;
        try {
            mac = driverOf(n).orElseThrow().attach(n, new NetworkDriver.Plug(containerId, netns, ifName,
                    Cidr.format(ip) + "/" + subnet.bits(), defaultRoute ? pool.gateway() : "", defaultRoute));
        } catch (RuntimeException e) {
            addresses.release(n.id(), ip);
            throw e;
        }
        berth.store.CrashPoints.reach("network-attached");
        return new Membership(n.id(), m.config(), m.endpointId(), ifName, Cidr.format(ip), subnet.bits(),
                pool.gateway(), mac);
    }

    private List<PortBinding> publish(String containerId, List<Membership> plugged, List<PortBinding> ports) {
        if (ports.isEmpty()) {
            return List.of();
        }
        for (Membership m : plugged) {
            Network n = networks.get(m.networkId());
            if (m.plugged() && n != null && isBridge(n)) {
                return filter.publish(containerId, m.ip(), n.bridgeName(), ports);
            }
        }
        return List.of(); // host, none or no bridge network: nothing to forward (Docker ignores them too)
    }

    @Override
    public Endpoint plugOne(String containerId, String networkRef, int pid) {
        Network n = inspect(networkRef);
        ContainerNetworking c = containers.get(containerId);
        Membership m = c == null ? null : c.memberships().stream()
                .filter(x -> x.networkId().equals(n.id())).findFirst().orElse(null);
        if (m == null || !n.plugged()) {
            throw BerthException.invalid("container " + containerId + " is not on network " + n.name());
        }
        int next = (int) c.memberships().stream().filter(Membership::plugged).count();
        Membership p = plugInto(containerId, n, m, netns(pid), "eth" + next, false);
        ContainerNetworking updated;
        synchronized (this) {
            updated = containers.get(containerId).mapMemberships(x -> x.networkId().equals(n.id()) ? p : x);
            store.save(updated);
            containers.put(containerId, updated);
        }
        if (n.hasDns()) {
            dns.serve(containerId, netns(pid), names::lookup, updated.dnsServers());
        }
        publish(n, "connect", Map.of("container", containerId));
        return endpoint(updated, p);
    }

    @Override
    public void unplugOne(String containerId, String networkRef, int pid) {
        Network n = inspect(networkRef);
        ContainerNetworking c = containers.get(containerId);
        Membership m = c == null ? null : c.memberships().stream()
                .filter(x -> x.networkId().equals(n.id()) && x.plugged()).findFirst().orElse(null);
        if (m == null) {
            return;
        }
        driverOf(n).ifPresent(d -> d.detach(n, new NetworkDriver.Plug(containerId, netns(pid), m.ifName(),
                m.ip() + "/" + m.prefixLen(), m.gateway(), false)));
        synchronized (this) {
            ContainerNetworking updated = containers.get(containerId)
                    .mapMemberships(x -> x.networkId().equals(n.id()) ? x.unplugged() : x);
            store.save(updated);
            containers.put(containerId, updated);
        }
        addresses.release(n.id(), Cidr.address(m.ip(), "address"));
        publish(n, "disconnect", Map.of("container", containerId));
    }

    @Override
    public void unplug(String containerId) {
        ContainerNetworking c = containers.get(containerId);
        if (c == null || (!c.plugged() && c.published().isEmpty())) {
            return;
        }
        dns.stop(containerId);
        if (!c.published().isEmpty()) {
            filter.unpublish(containerId);
        }
        synchronized (this) {
            ContainerNetworking current = containers.get(containerId);
            if (current == null) {
                return;
            }
            ContainerNetworking updated = current.unplugged();
            store.save(updated);
            containers.put(containerId, updated);
        }
        // the interfaces went with the container's namespace; only the addresses are left to give back
        for (Membership m : c.memberships()) {
            if (m.plugged()) {
                addresses.release(m.networkId(), Cidr.address(m.ip(), "address"));
                Network n = networks.get(m.networkId());
                if (n != null) {
                    publish(n, "disconnect", Map.of("container", containerId));
                }
            }
        }
    }

    @Override
    public Map<String, Endpoint> endpoints(String containerId) {
        Map<String, Endpoint> out = new LinkedHashMap<>();
        ContainerNetworking c = containers.get(containerId);
        if (c != null) {
            for (Membership m : c.memberships()) {
                Network n = networks.get(m.networkId());
                if (n != null) {
                    out.put(n.name(), endpoint(c, m));
                }
            }
        }
        return out;
    }

    @Override
    public List<PortBinding> ports(String containerId) {
        ContainerNetworking c = containers.get(containerId);
        return c == null ? List.of() : c.published();
    }

    // ---- start-up ----

    @Override
    public void reconcile(Map<String, Integer> running) {
        List<PacketFilter.BridgeRules> bridges = new ArrayList<>();
        for (NetworkDriver d : new java.util.LinkedHashSet<>(drivers.values())) {
            d.reconcile(networks.values().stream().filter(n -> d.names().contains(n.driver())).toList());
        }
        for (Network n : networks.values()) {
            driverOf(n).ifPresent(d -> {
                try {
                    d.create(n);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "network " + n.name() + " cannot be set up: " + e.getMessage());
                }
            });
            if (isBridge(n)) {
                bridges.add(rules(n));
            }
        }
        List<PacketFilter.Published> published = new ArrayList<>();
        for (ContainerNetworking c : List.copyOf(containers.values())) {
            Integer pid = running.get(c.containerId());
            if (pid == null) {
                if (c.plugged() || !c.published().isEmpty()) {
                    ContainerNetworking updated = c.unplugged();
                    store.save(updated);
                    containers.put(c.containerId(), updated);
                }
                continue;
            }
            for (Membership m : c.memberships()) {
                if (m.plugged()) {
                    addresses.mark(m.networkId(), Cidr.address(m.ip(), "address"));
                }
            }
            if (!c.published().isEmpty()) {
                c.memberships().stream().filter(Membership::plugged)
                        .filter(m -> networks.containsKey(m.networkId()) && isBridge(networks.get(m.networkId())))
                        .findFirst()
                        .ifPresent(m -> published.add(new PacketFilter.Published(c.containerId(), m.ip(),
                                networks.get(m.networkId()).bridgeName(), c.published())));
            }
        }
        filter.reset(bridges, published);
        for (ContainerNetworking c : containers.values()) {
            Integer pid = running.get(c.containerId());
            if (pid != null && c.memberships().stream().anyMatch(m -> m.plugged()
                    && networks.containsKey(m.networkId()) && networks.get(m.networkId()).hasDns())) {
                try {
                    dns.serve(c.containerId(), netns(pid), names::lookup, c.dnsServers());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "no DNS for container " + c.containerId() + ": " + e.getMessage());
                }
            }
        }
    }

    // ---- helpers ----

    private Endpoint endpoint(ContainerNetworking c, Membership m) {
        Network n = networks.get(m.networkId());
        return new Endpoint(m.networkId(), n == null ? "" : n.name(), m.endpointId(), m.ifName(), m.ip(),
                m.prefixLen(), m.gateway(), m.mac(), m.config(), DnsNames.namesOf(c, m));
    }

    private Optional<NetworkDriver> driverOf(Network n) {
        return Optional.ofNullable(drivers.get(n.driver()));
    }

    private static boolean isBridge(Network n) {
        return n.driver().equals("bridge");
    }

    private static PacketFilter.BridgeRules rules(Network n) {
        return new PacketFilter.BridgeRules(n.id(), n.bridgeName(), n.ipam().getFirst().subnet(), n.internal());
    }

    private static Path netns(int pid) {
        return Path.of("/proc/" + pid + "/ns/net");
    }

    private void publish(Network n, String action, Map<String, String> extra) {
        Map<String, String> attrs = new LinkedHashMap<>(extra);
        attrs.put("name", n.name());
        attrs.put("type", n.driver());
        events.publish(new Event("network", action, n.id(), attrs, Instant.now()));
    }

    private static String randomId() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}

package berth.network;

import java.util.List;
import java.util.Map;

/**
 * The daemon's networks and the containers plugged into them.
 *
 * <p>Vocabulary: a container <em>is on</em> a network when its configuration names it (create's
 * {@code NetworkingConfig}, {@code network connect}); it is <em>plugged in</em> while it runs, with an
 * {@link Endpoint} that has an address. Addresses are taken when a container starts and given back
 * when its run ends, as Docker does.
 *
 * <p>Lifecycle of a container's networking, driven by the container service:
 * <pre>{@code
 * List<Endpoint> eps = networks.plug(id, name, pid, ports, dns);     // after runtime create, before start
 * ... the container runs; networks.endpoints(id), networks.ports(id) for inspect ...
 * networks.unplug(id);                                                // its process has exited
 * }</pre>
 */
public interface NetworkService {
    /**
     * Creates a network. CONFLICT "network with name x already exists"; INVALID_ARGUMENT for a bad
     * driver, subnet, gateway, range or option, or a subnet that overlaps another network's.
     */
    Network create(NetworkSpec spec);

    /** By full name, full id or unique id prefix. NOT_FOUND "network x not found". */
    Network inspect(String ref);

    List<Network> list(NetworkFilter filter);

    /**
     * Removes a network. PERMISSION_DENIED (403) for bridge/host/none ("bridge is a pre-defined
     * network and cannot be removed"), and PERMISSION_DENIED while a container is on it ("error while removing
     * network: network x id y has active endpoints").
     */
    void remove(String ref);

    /** Removes custom networks no container is on; returns their names. */
    List<String> prune(NetworkFilter filter);

    /** Containers that are on the network: container id → endpoint (address "" while not running). */
    Map<String, Endpoint> containers(String networkId);

    /** The network names a container is on, in the order joined, with their configurations. */
    Map<String, EndpointConfig> memberships(String containerId);

    /**
     * Records that a container is on a network (create, or connect of a stopped container). Checks
     * the network exists and the fixed address, if any, lies in its subnet. Returns the network.
     */
    Network join(String containerId, String containerName, String networkRef, EndpointConfig config);

    /** Forgets a container's membership of one network (disconnect of a stopped container). */
    void leave(String containerId, String networkRef);

    /** Forgets every membership of a removed container. */
    void forget(String containerId);

    /**
     * Plugs a created, not yet started container in: an address on each network it is on, its
     * interfaces, the embedded DNS, its published ports. On failure nothing stays plugged.
     *
     * @param pid   the container's init process (its network namespace is /proc/pid/ns/net)
     * @param ports the port bindings to publish (on the first bridge network's address)
     * @param dnsServers the container's {@code --dns}: the embedded DNS forwards there (empty: the host's resolvers)
     */
    List<Endpoint> plug(String containerId, String containerName, int pid, List<PortBinding> ports,
            List<String> dnsServers);

    /** Plugs a running container into one more network (connect). */
    Endpoint plugOne(String containerId, String networkRef, int pid);

    /** Takes a running container's interface on one network out (disconnect). */
    void unplugOne(String containerId, String networkRef, int pid);

    /** The container's run ended: addresses, forwards and DNS are given back. Idempotent. */
    void unplug(String containerId);

    /** The container's endpoints, by network name (addresses "" when not plugged in). */
    Map<String, Endpoint> endpoints(String containerId);

    /** The ports published for a running container (host ports filled in); empty when not running. */
    List<PortBinding> ports(String containerId);

    /**
     * At daemon start: {@code running} maps each running container to its init pid. Endpoint state of
     * every other container is dropped, DNS is served again and the packet filter rebuilt.
     */
    void reconcile(Map<String, Integer> running);

    /** The container has a new name: DNS answers to it from now on. */
    void rename(String containerId, String newName);
}

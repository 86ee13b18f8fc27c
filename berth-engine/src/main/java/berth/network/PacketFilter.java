package berth.network;

import java.util.Collection;
import java.util.List;

/**
 * The seam to the host's packet filter (iptables here): the rules that make bridge networks work
 * (masquerade out, isolation between networks, nothing in or out of an internal network) and the
 * port forwards of published ports. Every rule lives in berth's own chains, so {@link #reset} can
 * rebuild them all from the engine's state after a crash and the host's other rules stay untouched.
 */
public interface PacketFilter {
    /** Adds the rules of a bridge network whose Linux bridge is {@code bridge}. Idempotent. */
    void addNetwork(BridgeRules rules);

    /** Removes them. Idempotent. */
    void removeNetwork(BridgeRules rules);

    /**
     * Publishes a container's ports: forwards each host port to {@code containerIp}. Ports given as 0
     * get an ephemeral port; a host port already taken (by berth or another process) is refused with
     * CONFLICT "... port is already allocated" and nothing is published. Returns the bindings as
     * published (host ports filled in).
     */
    List<PortBinding> publish(String containerId, String containerIp, String bridge, List<PortBinding> ports);

    /** Removes a container's forwards and frees its host ports. Idempotent. */
    void unpublish(String containerId);

    /**
     * At daemon start: throws away every rule in berth's chains and rebuilds them for {@code networks}
     * and {@code published} (each container's bindings as they were published, ports reserved again).
     */
    void reset(Collection<BridgeRules> networks, Collection<Published> published);

    /** A bridge network's rule inputs. */
    record BridgeRules(String networkId, String bridge, String subnet, boolean internal) {}

    /** A container's published ports, for {@link #reset}. */
    record Published(String containerId, String containerIp, String bridge, List<PortBinding> ports) {}
}

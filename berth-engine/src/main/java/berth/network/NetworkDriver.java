package berth.network;

import java.nio.file.Path;
import java.util.Collection;

/**
 * The seam to the plumbing of one kind of network (bridge, macvlan, ipvlan): the host side of a
 * network and the interface of each container on it. Addresses are chosen by the engine's IPAM and
 * handed down; the driver only configures them.
 */
public interface NetworkDriver {
    /** The drivers this one serves ("bridge"; "macvlan", "ipvlan"). */
    java.util.Set<String> names();

    /**
     * Makes the host side exist (a Linux bridge, a VLAN parent sub-interface); idempotent. Throws
     * INVALID_ARGUMENT for options the driver rejects (an unknown parent), nothing left behind.
     */
    void create(Network network);

    /** Removes what {@link #create} made; idempotent. */
    void remove(Network network);

    /**
     * Plugs the network namespace {@code netns} in: an interface {@code plug.ifName()} with the given
     * address and, unless the network is internal, a default route through its gateway (only for the
     * first network a container joins). Returns the interface's MAC address.
     */
    String attach(Network network, Plug plug);

    /** Takes the interface out again (a running container's disconnect); a gone namespace is no error. */
    void detach(Network network, Plug plug);

    /**
     * At daemon start: removes host-side devices this driver made for networks that are not in
     * {@code known} any more (the daemon died between the two steps of a create or a remove).
     */
    void reconcile(Collection<Network> known);

    /**
     * One container interface.
     *
     * @param address     "10.210.0.5/24"
     * @param defaultRoute whether this interface carries the container's default route
     */
    record Plug(String containerId, Path netns, String ifName, String address, String gateway, boolean defaultRoute) {}
}

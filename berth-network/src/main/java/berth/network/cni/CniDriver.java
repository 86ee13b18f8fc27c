package berth.network.cni;

import berth.network.Network;
import berth.network.NetworkDriver;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the CNI drivers share: a container is plugged in by one plugin ADD (and taken out by its DEL)
 * of a configuration the driver builds, and at start the host links this daemon made for networks
 * that are gone are removed.
 */
abstract class CniDriver implements NetworkDriver {
    protected final CniPlugins cni;
    protected final String owner;

    /** @param owner this daemon's tag in the aliases of the links it makes (its engine id) */
    CniDriver(CniPlugins cni, String owner) {
        this.cni = cni;
        this.owner = owner;
    }

    /** The plugin configuration that plugs {@code plug} into {@code n}. */
    protected abstract ObjectNode config(Network n, Plug plug);

    /** Whether a link this daemon made is of this driver's kind (a bridge, or a VLAN parent). */
    protected abstract boolean ownsKind(String link);

    @Override
    public final String attach(Network n, Plug plug) {
        return CniPlugins.sandboxMac(cni.add(config(n, plug), plug.containerId(), plug.netns(), plug.ifName()));
    }

    @Override
    public final void detach(Network n, Plug plug) {
        cni.del(config(n, plug), plug.containerId(), plug.netns(), plug.ifName());
    }

    /** Links of this driver's kind that this daemon made for networks that are gone. */
    @Override
    public final void reconcile(Collection<Network> known) {
        Set<String> ids = known.stream().map(Network::id).collect(Collectors.toSet());
        for (String link : IpLink.all()) {
            if (ownsKind(link) && IpLink.ownedNetwork(owner, link).filter(id -> !ids.contains(id)).isPresent()) {
                IpLink.deleteQuietly(link);
            }
        }
    }
}

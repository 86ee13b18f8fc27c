package berth.daemon;

import berth.errors.BerthException;
import berth.network.PacketFilter;
import berth.network.PortBinding;
import java.util.Collection;
import java.util.List;

/**
 * The packet filter of a daemon started with {@code --iptables=false}: berth adds no rule, so bridge
 * networks have no masquerade (the host's own firewall decides) and ports cannot be published.
 */
final class NoPacketFilter implements PacketFilter {
    @Override
    public void addNetwork(BridgeRules rules) {}

    @Override
    public void removeNetwork(BridgeRules rules) {}

    @Override
    public List<PortBinding> publish(String containerId, String containerIp, String bridge, List<PortBinding> ports) {
        throw BerthException.invalid("cannot publish ports: the daemon runs with --iptables=false");
    }

    @Override
    public void unpublish(String containerId) {}

    @Override
    public void reset(Collection<BridgeRules> networks, Collection<Published> published) {}
}

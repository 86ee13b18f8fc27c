package berth.network.cni;

import berth.network.IpamPool;
import berth.network.Network;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Bridge networks: one Linux bridge per network holding the gateway address, each container on a veth
 * pair plugged in by the CNI {@code bridge} plugin with the address berth's IPAM chose ({@code static}
 * IPAM). Masquerading and isolation are the packet filter's job, so the plugin's ipMasq is off.
 * Leaving needs no DEL when the container's namespace dies: the veth pair goes with it.
 */
public final class CniBridgeDriver extends CniDriver {
    /** @param owner this daemon's tag in the aliases of the links it makes (its engine id) */
    public CniBridgeDriver(CniPlugins cni, String owner) {
        super(cni, owner);
    }

    @Override
    public Set<String> names() {
        return Set.of("bridge");
    }

    @Override
    public void create(Network n) {
        String bridge = n.bridgeName();
        if (!IpLink.exists(bridge)) {
            IpLink.run("link", "add", "name", bridge, "type", "bridge");
            IpLink.run("link", "set", bridge, "alias", IpLink.alias(owner, n.id()));
        }
        IpamPool pool = n.ipam().getFirst();
        if (!pool.gateway().isEmpty()) {
            int bits = Integer.parseInt(pool.subnet().substring(pool.subnet().indexOf('/') + 1));
            IpLink.run("addr", "replace", pool.gateway() + "/" + bits, "dev", bridge);
        }
        IpLink.run("link", "set", bridge, "up");
    }

    @Override
    public void remove(Network n) {
        IpLink.deleteQuietly(n.bridgeName());
    }

    @Override
    protected ObjectNode config(Network n, Plug plug) {
        ObjectNode c = cni.config(n.name(), "bridge");
        c.put("bridge", n.bridgeName());
        c.put("isGateway", false); // the bridge has its address from create
        c.put("ipMasq", false);
        c.put("hairpinMode", true);
        c.set("ipam", cni.staticIpam(plug.address(), plug.gateway(), plug.defaultRoute()));
        return c;
    }

    @Override
    protected boolean ownsKind(String link) {
        return IpLink.isBridge(link);
    }
}

package berth.network.cni;

import berth.errors.BerthException;
import berth.network.Network;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * macvlan and ipvlan networks on a host interface ({@code -o parent=eth0}). A parent named like
 * {@code eth0.10} that does not exist is made as an 802.1q sub-interface of eth0 with VLAN id 10, as
 * Docker does, and removed with the network; a parent that existed before is never touched.
 */
public final class CniVlanDriver extends CniDriver {
    private static final Pattern VLAN_PARENT = Pattern.compile("(.+)\\.(\\d{1,4})");

    /** @param owner this daemon's tag in the aliases of the links it makes (its engine id) */
    public CniVlanDriver(CniPlugins cni, String owner) {
        super(cni, owner);
    }

    @Override
    public Set<String> names() {
        return Set.of("macvlan", "ipvlan");
    }

    static String parentOf(Network n) {
        String parent = n.options().getOrDefault("parent", "");
        if (parent.isEmpty()) {
            throw BerthException.invalid("the " + n.driver() + " driver needs a parent interface: -o parent=<interface>");
        }
        return parent;
    }

    @Override
    public void create(Network n) {
        String parent = parentOf(n);
        mode(n); // refuses a bad mode before anything is made
        if (IpLink.exists(parent)) {
            return;
        }
        Matcher m = VLAN_PARENT.matcher(parent);
        if (!m.matches() || !IpLink.exists(m.group(1))) {
            throw BerthException.invalid("-o parent interface was not found on the host: " + parent);
        }
        int vlan = Integer.parseInt(m.group(2));
        if (vlan < 1 || vlan > 4094) {
            throw BerthException.invalid("vlan id out of range (1-4094): " + vlan);
        }
        IpLink.run("link", "add", "link", m.group(1), "name", parent, "type", "vlan", "id", Integer.toString(vlan));
        try {
            IpLink.run("link", "set", parent, "alias", IpLink.alias(owner, n.id()));
            IpLink.run("link", "set", parent, "up");
        } catch (BerthException e) {
            IpLink.deleteQuietly(parent);
            throw e;
        }
    }

    private static String mode(Network n) {
        if (n.driver().equals("macvlan")) {
            String mode = n.options().getOrDefault("macvlan_mode", "bridge");
            if (!Set.of("bridge", "private", "vepa", "passthru").contains(mode)) {
                throw BerthException.invalid("requested macvlan mode '" + mode + "' is not valid, 'bridge' mode is the macvlan driver default");
            }
            return mode;
        }
        String mode = n.options().getOrDefault("ipvlan_mode", "l2");
        if (!Set.of("l2", "l3", "l3s").contains(mode)) {
            throw BerthException.invalid("requested ipvlan mode '" + mode + "' is not valid, 'l2' mode is the ipvlan driver default");
        }
        return mode;
    }

    /** Removes the parent only when berth made it for this network. */
    @Override
    public void remove(Network n) {
        String parent = n.options().getOrDefault("parent", "");
        if (!parent.isEmpty() && IpLink.alias(parent).equals(IpLink.alias(owner, n.id()))) {
            IpLink.deleteQuietly(parent);
        }
    }

    @Override
    protected ObjectNode config(Network n, Plug plug) {
        ObjectNode c = cni.config(n.name(), n.driver());
        c.put("master", parentOf(n));
        c.put("mode", mode(n));
        c.set("ipam", cni.staticIpam(plug.address(), plug.gateway(), plug.defaultRoute()));
        return c;
    }

    @Override
    protected boolean ownsKind(String link) {
        return !IpLink.isBridge(link);
    }
}

package berth.network.firewall;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.network.PacketFilter;
import berth.network.PortBinding;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The packet filter on iptables (the nft or legacy backend, whichever {@code iptables-restore} is).
 * Rules are those of {@link FirewallRules}, in berth's own chains. What is installed is remembered
 * here, so removing deletes exactly what was added and nobody else's rules. Each operation is one
 * {@code iptables-restore --noflush} of its change; the first one, {@link #reset}, and any change that
 * fails because the rules were changed behind berth's back instead rebuild everything from what is
 * remembered: one {@code iptables-save} (to find existing hooks) and one restore that empties berth's
 * chains, creates missing ones, puts the hooks at the top and adds every rule.
 *
 * <p>Published host ports are held by sockets in this process ({@link HostPorts}). {@link #close}
 * lets them go but leaves the rules, so containers stay reachable while the daemon restarts; the new
 * daemon's {@link #reset} takes the ports again and rebuilds the rules.
 *
 * <p>Ports published for a container on an internal network are not forwarded (Docker programs no
 * port mapping there either): {@link #publish} returns no bindings. A second publish for the same
 * container replaces the first.
 *
 * <p>Hairpin (a container reaching itself through a published port) also needs hairpin mode on the
 * bridge ports when br_netfilter is loaded: the CNI bridge plugin's {@code hairpinMode}.
 */
public final class IptablesPacketFilter implements PacketFilter, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(IptablesPacketFilter.class.getName());

    private final Iptables iptables;
    private final Sysctl sysctl;
    private final FirewallRules firewall;
    private final HostPorts hostPorts = new HostPorts();
    private final Map<String, Installed> networks = new LinkedHashMap<>();
    private final Map<String, Forwards> forwards = new HashMap<>();
    private boolean hooked;

    private record Installed(BridgeRules spec, List<Rule> rules) {}

    private record Forwards(List<Rule> rules, HostPorts.Reservation reservation) {}

    /** The daemon's own network namespace. */
    public IptablesPacketFilter() {
        this(Iptables.host(), Sysctl.proc());
    }

    /** Rules through {@code iptables}, kernel settings through {@code sysctl} (tests: both in a namespace). */
    public IptablesPacketFilter(Iptables iptables, Sysctl sysctl) {
        this(iptables, sysctl, "BERTH");
    }

    /** In the daemon's own namespace, with chains named {@code <chainPrefix>-FORWARD} and so on. */
    public IptablesPacketFilter(String chainPrefix) {
        this(Iptables.host(), Sysctl.proc(), chainPrefix);
    }

    public IptablesPacketFilter(Iptables iptables, Sysctl sysctl, String chainPrefix) {
        this.firewall = new FirewallRules(chainPrefix);
        this.iptables = iptables;
        this.sysctl = sysctl;
    }

    @Override
    public synchronized void addNetwork(BridgeRules network) {
        Installed old = networks.get(network.networkId());
        if (old != null && old.spec().equals(network)) {
            return;
        }
        Installed added = new Installed(network, firewall.network(network));
        if (!network.internal()) {
            sysctl.write("net/ipv4/ip_forward", "1");
        }
        RestoreBatch change = new RestoreBatch();
        if (old != null) {
            change.deleteAll(old.rules());
        }
        networks.put(network.networkId(), added);
        try {
            apply(change.addAll(added.rules()));
        } catch (RuntimeException e) {
            if (old == null) {
                networks.remove(network.networkId());
            } else {
                networks.put(network.networkId(), old);
            }
            throw e;
        }
        routeLocalnet(network.bridge(), false);
    }

    @Override
    public synchronized void removeNetwork(BridgeRules network) {
        Installed old = networks.remove(network.networkId());
        if (old != null) {
            apply(new RestoreBatch().deleteAll(old.rules()));
        }
    }

    @Override
    public synchronized List<PortBinding> publish(String containerId, String containerIp, String bridge,
            List<PortBinding> ports) {
        unpublish(containerId);
        BridgeRules network = networkOf(bridge).orElseThrow(() -> new BerthException(ErrorKind.FAILED_PRECONDITION,
                "cannot publish ports on bridge " + bridge + ": its network has no packet filter rules"));
        if (ports.isEmpty() || network.internal()) {
            return List.of();
        }
        Ipv4.address(containerIp, "container address");
        routeLocalnet(bridge, true);
        HostPorts.Reservation reservation = hostPorts.reserve(ports);
        try {
            List<Rule> rules = firewall.published(containerIp, bridge, network.subnet(), reservation.bindings());
            forwards.put(containerId, new Forwards(rules, reservation));
            apply(new RestoreBatch().addAll(rules));
        } catch (RuntimeException e) {
            forwards.remove(containerId);
            reservation.release();
            throw e;
        }
        return reservation.bindings();
    }

    @Override
    public synchronized void unpublish(String containerId) {
        Forwards f = forwards.remove(containerId);
        if (f != null) {
            try {
                apply(new RestoreBatch().deleteAll(f.rules()));
            } finally {
                f.reservation().release();
            }
        }
    }

    @Override
    public synchronized void reset(Collection<BridgeRules> networkRules, Collection<Published> published) {
        close();
        networks.clear();
        for (BridgeRules n : networkRules) {
            try {
                networks.put(n.networkId(), new Installed(n, firewall.network(n)));
            } catch (BerthException e) {
                LOG.log(System.Logger.Level.WARNING, "no packet filter rules for network " + n.networkId() + ": "
                        + e.getMessage());
            }
        }
        for (Published p : published) {
            forwardsAgain(p).ifPresent(f -> forwards.put(p.containerId(), f));
        }
        try {
            rebuild();
        } catch (RuntimeException e) {
            close();
            networks.clear();
            throw e;
        }
        if (networks.values().stream().anyMatch(n -> !n.spec().internal())) {
            sysctl.write("net/ipv4/ip_forward", "1");
        }
        networks.values().forEach(n -> routeLocalnet(n.spec().bridge(), false));
    }

    /** Lets the host ports go; the rules stay until the next daemon's {@link #reset}. */
    @Override
    public synchronized void close() {
        forwards.values().forEach(f -> f.reservation().release());
        forwards.clear();
    }

    /** A container's forwards as they were, ports reserved again; empty (and a warning) when that fails. */
    private Optional<Forwards> forwardsAgain(Published p) {
        Optional<BridgeRules> network = networkOf(p.bridge());
        if (network.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "ports of container " + p.containerId()
                    + " not published again: no network has bridge " + p.bridge());
            return Optional.empty();
        }
        if (network.get().internal() || p.ports().isEmpty()) {
            return Optional.empty();
        }
        HostPorts.Reservation reservation;
        try {
            reservation = hostPorts.reserve(p.ports());
        } catch (BerthException e) {
            LOG.log(System.Logger.Level.WARNING, "ports of container " + p.containerId() + " not published again: "
                    + e.getMessage());
            return Optional.empty();
        }
        try {
            return Optional.of(new Forwards(firewall.published(p.containerIp(), p.bridge(),
                    network.get().subnet(), reservation.bindings()), reservation));
        } catch (BerthException e) {
            reservation.release();
            LOG.log(System.Logger.Level.WARNING, "ports of container " + p.containerId() + " not published again: "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<BridgeRules> networkOf(String bridge) {
        return networks.values().stream().map(Installed::spec).filter(n -> n.bridge().equals(bridge)).findFirst();
    }

    /**
     * Applies one operation's change ({@link #networks} and {@link #forwards} already say what should
     * be). When that fails (the first time, or someone flushed or deleted berth's chains or rules, as
     * a firewall reload does) everything is rebuilt instead.
     */
    private void apply(RestoreBatch change) {
        if (hooked) {
            try {
                iptables.restore(change);
                return;
            } catch (BerthException e) {
                LOG.log(System.Logger.Level.WARNING, "packet filter rules out of step, rebuilding them: "
                        + e.getMessage());
            }
        }
        rebuild();
    }

    /**
     * In one restore: berth's chains created or emptied, its hooks moved to the top of their built-in
     * chains (every existing one deleted, one of each put back at 1), every rule berth knows added.
     */
    private void rebuild() {
        hooked = false;
        SavedRules saved = SavedRules.parse(iptables.save(), firewall);
        RestoreBatch batch = new RestoreBatch();
        firewall.chains.forEach(c -> batch.declare(c.table(), c.chain()));
        saved.hooks().forEach(h -> batch.line(h.table(), h.deleteLine()));
        batch.addAll(firewall.hooks());
        networks.values().forEach(n -> batch.addAll(n.rules()));
        forwards.values().forEach(f -> batch.addAll(f.rules()));
        iptables.restore(batch);
        hooked = true;
    }

    /**
     * Lets packets from 127.0.0.1 be routed out of the bridge once DNAT-ed to a container. Required
     * for a publish; at network set-up the bridge may not exist yet (it is set again at publish).
     */
    private void routeLocalnet(String bridge, boolean required) {
        try {
            sysctl.write("net/ipv4/conf/" + bridge + "/route_localnet", "1");
        } catch (BerthException e) {
            if (required) {
                throw e;
            }
            LOG.log(System.Logger.Level.DEBUG, "route_localnet not set yet on " + bridge + ": " + e.getMessage());
        }
    }
}

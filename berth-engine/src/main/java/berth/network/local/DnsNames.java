package berth.network.local;

import berth.network.Network;
import berth.network.local.ContainerNetworking.Membership;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The names the embedded DNS answers: on each user-defined network a container is plugged into, the
 * names of the containers plugged into the same network (name, short ID, aliases) and the aliases of
 * its own links there. Names on networks it is not on do not resolve. Several addresses for one name
 * come back rotated by one per question — Docker's DNS round-robin.
 */
final class DnsNames {
    private final Function<String, Network> networks;
    private final Function<String, ContainerNetworking> containerById;
    private final Supplier<Collection<ContainerNetworking>> all;
    private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();

    DnsNames(Function<String, Network> networks, Function<String, ContainerNetworking> containerById,
            Supplier<Collection<ContainerNetworking>> all) {
        this.networks = networks;
        this.containerById = containerById;
        this.all = all;
    }

    /** The names a container answers to on one network, lower case. */
    static List<String> namesOf(ContainerNetworking c, Membership m) {
        Set<String> out = new LinkedHashSet<>();
        if (c.containerName() != null && !c.containerName().isEmpty()) {
            out.add(c.containerName().toLowerCase(Locale.ROOT));
        }
        out.add(c.containerId().substring(0, Math.min(12, c.containerId().length())));
        m.config().aliases().forEach(a -> out.add(a.toLowerCase(Locale.ROOT)));
        return List.copyOf(out);
    }

    List<InetAddress> lookup(String querier, String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        ContainerNetworking q = containerById.apply(querier);
        if (q == null) {
            return List.of();
        }
        Set<String> ips = new LinkedHashSet<>();
        for (Membership mine : q.memberships()) {
            Network n = networks.apply(mine.networkId());
            if (!mine.plugged() || n == null || !n.hasDns()) {
                continue;
            }
            for (String link : mine.config().links()) {
                int colon = link.indexOf(':');
                String target = colon < 0 ? link : link.substring(0, colon);
                String alias = colon < 0 ? target : link.substring(colon + 1);
                if (alias.toLowerCase(Locale.ROOT).equals(wanted)) {
                    ipOn(target, n.id()).ifPresent(ips::add);
                }
            }
            for (ContainerNetworking c : all.get()) {
                for (Membership m : c.memberships()) {
                    if (m.plugged() && m.networkId().equals(n.id()) && namesOf(c, m).contains(wanted)) {
                        ips.add(m.ip());
                    }
                }
            }
        }
        if (ips.isEmpty()) {
            return List.of();
        }
        List<InetAddress> out = new ArrayList<>();
        for (String ip : ips) {
            try {
                out.add(InetAddress.getByName(ip)); // a literal: no lookup happens
            } catch (UnknownHostException e) {
                // not an address: skip it
            }
        }
        if (out.size() > 1) {
            int turn = turns.computeIfAbsent(querierScope(q) + "/" + wanted, k -> new AtomicInteger())
                    .getAndIncrement();
            java.util.Collections.rotate(out, -Math.floorMod(turn, out.size()));
        }
        return out;
    }

    private static String querierScope(ContainerNetworking q) {
        return q.memberships().stream().filter(Membership::plugged).map(Membership::networkId).sorted()
                .reduce("", String::concat);
    }

    private java.util.Optional<String> ipOn(String containerName, String networkId) {
        for (ContainerNetworking c : all.get()) {
            if (containerName.equals(c.containerName()) || c.containerId().startsWith(containerName)) {
                for (Membership m : c.memberships()) {
                    if (m.plugged() && m.networkId().equals(networkId)) {
                        return java.util.Optional.of(m.ip());
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }
}

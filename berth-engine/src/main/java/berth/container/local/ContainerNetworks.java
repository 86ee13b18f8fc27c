package berth.container.local;

import berth.container.Container;
import berth.errors.BerthException;
import berth.network.Endpoint;
import berth.network.EndpointConfig;
import berth.network.Network;
import berth.network.NetworkService;
import berth.network.PortBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The container service's side of networking: which networks a create joins (from the network mode,
 * {@code NetworkingConfig} and {@code --link}), which ports a start publishes, and the legacy link
 * lines of /etc/hosts on the default bridge. A null service means no networking at all.
 */
final class ContainerNetworks {
    private ContainerNetworks() {}

    /**
     * The networks a new container joins, in order (the network mode's first), each with its endpoint
     * settings. Checks every network and link target exists before anything is created; with
     * {@code lenient} (at create) a network mode naming no network plans nothing, so the start that
     * plans again reports it, as dockerd does.
     */
    static Map<String, EndpointConfig> plan(NetworkService networks, String mode, Map<String, EndpointConfig> endpoints,
            List<String> links, Function<String, Optional<String>> containerName, boolean lenient) {
        Map<String, EndpointConfig> out = new LinkedHashMap<>();
        if (networks == null) {
            return out;
        }
        if (ContainerNetworkMode.joinsContainer(mode)) {
            return out; // it shares another container's network namespace, joined at start
        }
        String primary = mode.equals("default") ? defaultNetwork(networks) : mode;
        Network first;
        try {
            first = networks.inspect(primary);
        } catch (BerthException e) {
            if (e.kind() == berth.errors.ErrorKind.NOT_FOUND && lenient) {
                return out; // dockerd creates it and fails the start: the CLI reads a 404 at create as "no image"
            }
            throw e;
        }
        for (String link : links) {
            String target = link.contains(":") ? link.substring(0, link.indexOf(':')) : link;
            if (containerName.apply(target).isEmpty()) {
                throw BerthException.invalid("could not get container for " + target); // dockerd: 400, and a 404 would make the CLI pull
            }
        }
        // the CLI names the endpoint after the mode as given: "default" for the default bridge
        EndpointConfig config = endpoints.getOrDefault(mode, endpoints.getOrDefault(first.name(), EndpointConfig.DEFAULT));
        if (first.hasDns() && !links.isEmpty()) {
            List<String> all = new ArrayList<>(config.links());
            all.addAll(links); // on user-defined networks a link is a DNS alias (Docker 1.10+)
            config = new EndpointConfig(config.aliases(), all, config.ipv4Address());
        }
        out.put(first.name(), config);
        for (Map.Entry<String, EndpointConfig> extra : endpoints.entrySet()) {
            if (extra.getKey().equals(mode)) {
                continue;
            }
            Network n = networks.inspect(extra.getKey());
            if (!n.name().equals(first.name()) && !n.id().equals(first.id())) {
                out.put(n.name(), extra.getValue());
            }
        }
        if (out.size() > 1 && out.keySet().stream().anyMatch(n -> n.equals(Network.HOST) || n.equals(Network.NONE))) {
            throw BerthException.invalid("Container cannot be connected to network endpoints: "
                    + String.join(", ", out.keySet()));
        }
        return out;
    }

    /** The default bridge, or none when the daemon runs without one ({@code --bridge=none}). */
    private static String defaultNetwork(NetworkService networks) {
        try {
            return networks.inspect(Network.DEFAULT_BRIDGE).name();
        } catch (BerthException e) {
            if (e.kind() == berth.errors.ErrorKind.NOT_FOUND) {
                return Network.NONE;
            }
            throw e;
        }
    }

    static void join(NetworkService networks, String id, String name, Map<String, EndpointConfig> plan) {
        if (networks != null) {
            plan.forEach((net, config) -> networks.join(id, name, net, config));
        }
    }

    static void forget(NetworkService networks, String id) {
        if (networks != null) {
            try {
                networks.forget(id);
            } catch (RuntimeException e) {
                System.getLogger(ContainerNetworks.class.getName()).log(System.Logger.Level.WARNING,
                        "cannot forget the networking of " + id + ": " + e.getMessage());
            }
        }
    }

    /** {@code -p} bindings, and with {@code -P} every exposed port not bound yet on an ephemeral host port. */
    static List<PortBinding> portsToPublish(Container c) {
        List<PortBinding> out = new ArrayList<>(c.hostConfig().portBindings());
        if (c.hostConfig().publishAllPorts()) {
            for (String exposed : c.config().exposedPorts()) {
                int slash = exposed.indexOf('/');
                int port;
                try {
                    port = Integer.parseInt(slash < 0 ? exposed : exposed.substring(0, slash));
                } catch (NumberFormatException e) {
                    continue;
                }
                String proto = slash < 0 ? "tcp" : exposed.substring(slash + 1);
                if (out.stream().noneMatch(b -> b.containerPort() == port && b.protocol().equals(proto))) {
                    out.add(new PortBinding(port, proto, "", 0));
                }
            }
        }
        return out;
    }

    /** The address of the first network the container is plugged into, "" for none. */
    static String primaryIp(List<Endpoint> eps) {
        return eps.stream().map(Endpoint::ipAddress).filter(ip -> !ip.isEmpty()).findFirst().orElse("");
    }

    /**
     * /etc/hosts lines for {@code --link} on the default bridge: "ip\talias shortid name" for each
     * linked container plugged into the bridge (on user-defined networks links are DNS aliases instead).
     */
    static List<String> legacyLinkLines(NetworkService networks, List<Endpoint> eps, List<String> links,
            Function<String, Optional<String>> containerId) {
        List<String> out = new ArrayList<>();
        boolean onBridge = eps.stream().anyMatch(e -> e.networkName().equals(Network.DEFAULT_BRIDGE)
                && !e.ipAddress().isEmpty());
        if (!onBridge) {
            return out;
        }
        for (String link : links) {
            String target = link.contains(":") ? link.substring(0, link.indexOf(':')) : link;
            String alias = link.contains(":") ? link.substring(link.indexOf(':') + 1) : target;
            Optional<String> id = containerId.apply(target);
            if (id.isEmpty()) {
                continue;
            }
            Endpoint ep = networks.endpoints(id.get()).get(Network.DEFAULT_BRIDGE);
            if (ep != null && !ep.ipAddress().isEmpty()) {
                out.add(ep.ipAddress() + "\t" + alias + " " + id.get().substring(0, 12)
                        + (alias.equals(target) ? "" : " " + target));
            }
        }
        return out;
    }
}

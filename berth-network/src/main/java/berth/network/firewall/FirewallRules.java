package berth.network.firewall;

import berth.network.PacketFilter.BridgeRules;
import berth.network.PortBinding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The rules berth installs, rendered from the engine's inputs; pure, so every rule can be checked
 * without a kernel.
 *
 * <p>Chains: filter {@value #INPUT} (route_localnet, which publishing on 127.0.0.1 needs, would
 * otherwise let a container reach the host's 127.0.0.1 services by sending to it through the bridge:
 * such packets are dropped unless they belong to a connection the host made, as kube-proxy does for
 * CVE-2020-8558), {@value #FORWARD} (jumped to first thing in FORWARD, so berth's traffic is
 * accepted even when another program set the FORWARD policy to DROP) and {@value #ISOLATION} (one
 * drop per berth bridge: traffic that left another berth bridge may not enter it); nat {@value #DNAT}
 * (published ports, jumped to from PREROUTING and OUTPUT for local destinations, so 127.0.0.1 and the
 * host's own addresses both work) and {@value #POSTROUTING} (masquerade).
 *
 * <p>{@value #FORWARD} is ordered in two groups: drops and the isolation jumps are inserted at the top,
 * accepts are appended, so a network added later can never have its drop land below another
 * network's accept.
 */
final class FirewallRules {
    /** The default chain names (prefix "BERTH"). */
    static final String INPUT = "BERTH-INPUT";
    static final String FORWARD = "BERTH-FORWARD";
    static final String ISOLATION = "BERTH-ISOLATION";
    static final String DNAT = "BERTH-DNAT";
    static final String POSTROUTING = "BERTH-POSTROUTING";
    static final FirewallRules DEFAULT = new FirewallRules("BERTH");

    record ChainRef(Table table, String chain) {}

    private final String input;
    private final String forward;
    private final String isolation;
    private final String dnat;
    private final String postrouting;
    /** berth's own chains, in the tables they live in. */
    final List<ChainRef> chains;

    /** Chains named {@code <prefix>-INPUT} and so on: several daemons on one host use different prefixes. */
    FirewallRules(String prefix) {
        if (!prefix.matches("[A-Za-z0-9_.]{1,15}")) {
            throw new IllegalArgumentException("bad chain prefix " + prefix);
        }
        input = prefix + "-INPUT";
        forward = prefix + "-FORWARD";
        isolation = prefix + "-ISOLATION";
        dnat = prefix + "-DNAT";
        postrouting = prefix + "-POSTROUTING";
        chains = List.of(new ChainRef(Table.FILTER, input), new ChainRef(Table.FILTER, forward),
                new ChainRef(Table.FILTER, isolation), new ChainRef(Table.NAT, dnat),
                new ChainRef(Table.NAT, postrouting));
    }

    /** The jumps from the built-in chains into berth's, each at position 1. */
    List<Rule> hooks() {
        return List.of(
                Rule.insert(Table.FILTER, "INPUT", "-j", input),
                Rule.insert(Table.FILTER, "FORWARD", "-j", forward),
                Rule.insert(Table.NAT, "PREROUTING", "-m", "addrtype", "--dst-type", "LOCAL", "-j", dnat),
                Rule.insert(Table.NAT, "OUTPUT", "-m", "addrtype", "--dst-type", "LOCAL", "-j", dnat),
                Rule.insert(Table.NAT, "POSTROUTING", "-j", postrouting));
    }

    /** Whether a jump target is one of berth's chains (a rule in a built-in chain jumping there is a hook). */
    boolean isBerthChain(String chain) {
        return chains.stream().anyMatch(c -> c.chain().equals(chain));
    }

    /** A bridge network's rules, in the order they are added. */
    List<Rule> network(BridgeRules n) {
        String b = Ipv4.bridge(n.bridge());
        String subnet = Ipv4.cidr(n.subnet(), "subnet");
        List<Rule> rules = new ArrayList<>();
        rules.add(Rule.append(Table.FILTER, input, "-i", b, "-d", "127.0.0.0/8",
                "-m", "conntrack", "!", "--ctstate", "RELATED,ESTABLISHED,DNAT", "-j", "DROP"));
        if (n.internal()) {
            // nothing in or out, whatever conntrack says; only bridge-local traffic
            rules.add(Rule.insert(Table.FILTER, forward, "-i", b, "!", "-o", b, "-j", "DROP"));
            rules.add(Rule.insert(Table.FILTER, forward, "!", "-i", b, "-o", b, "-j", "DROP"));
        } else {
            // leaving for another berth bridge is dropped there, unless it is a published port's forward
            rules.add(Rule.insert(Table.FILTER, forward, "-i", b, "!", "-o", b,
                    "-m", "conntrack", "!", "--ctstate", "DNAT", "-j", isolation));
        }
        rules.add(Rule.append(Table.FILTER, isolation, "-o", b, "-j", "DROP"));
        rules.add(Rule.append(Table.FILTER, forward, "-i", b, "-o", b, "-j", "ACCEPT"));
        if (!n.internal()) {
            rules.add(Rule.append(Table.FILTER, forward, "-o", b,
                    "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT"));
            rules.add(Rule.append(Table.FILTER, forward, "-o", b, "-m", "conntrack", "--ctstate", "DNAT",
                    "-j", "ACCEPT"));
            rules.add(Rule.append(Table.FILTER, forward, "-i", b, "!", "-o", b, "-j", "ACCEPT"));
            // anything else routed at the containers (a neighbour using the host as gateway) is refused
            rules.add(Rule.append(Table.FILTER, forward, "!", "-i", b, "-o", b, "-j", "DROP"));
            rules.add(Rule.append(Table.NAT, postrouting, "-s", subnet, "!", "-o", b, "-j", "MASQUERADE"));
        }
        return List.copyOf(rules);
    }

    /**
     * A container's forwards. Per binding a DNAT; per container port two masquerades, so the
     * container's answers come back through the host and are un-DNAT-ed: connections from 127.0.0.0/8
     * (which the container could not answer at all) and from its own subnet (hairpin: without it a
     * neighbour on the bridge would get the answer straight from the container's address).
     *
     * @param published bindings with host ports filled in
     */
    List<Rule> published(String containerIp, String bridge, String subnet, List<PortBinding> published) {
        String ip = Ipv4.address(containerIp, "container address");
        String b = Ipv4.bridge(bridge);
        String s = Ipv4.cidr(subnet, "subnet");
        LinkedHashSet<Rule> rules = new LinkedHashSet<>();
        for (PortBinding p : published) {
            List<String> match = new ArrayList<>(List.of("-p", p.protocol()));
            if (!Ipv4.anyAddress(p.hostIp())) {
                match.addAll(List.of("-d", Ipv4.address(p.hostIp(), "host IP") + "/32"));
            }
            match.addAll(List.of("-m", p.protocol(), "--dport", Integer.toString(p.hostPort()),
                    "-j", "DNAT", "--to-destination", ip + ":" + p.containerPort()));
            rules.add(new Rule(Table.NAT, dnat, false, match));
        }
        for (PortBinding p : published) {
            String port = Integer.toString(p.containerPort());
            rules.add(Rule.append(Table.NAT, postrouting, "-s", "127.0.0.0/8", "-d", ip + "/32", "-o", b,
                    "-p", p.protocol(), "-m", p.protocol(), "--dport", port, "-j", "MASQUERADE"));
            rules.add(Rule.append(Table.NAT, postrouting, "-s", s, "-d", ip + "/32", "-o", b,
                    "-p", p.protocol(), "-m", p.protocol(), "--dport", port,
                    "-m", "conntrack", "--ctstate", "DNAT", "-j", "MASQUERADE"));
        }
        return List.copyOf(rules);
    }
}

package berth.cli.command;

import berth.cli.opts.BadValueException;
import berth.cli.opts.NetOpts;
import berth.cli.opts.PortSpec;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The create-time networking flags beyond {@code --network}: published and exposed ports, links,
 * and the container's settings on its network. {@link #writeTo} fills ExposedPorts, HostConfig and
 * NetworkingConfig as the docker CLI does.
 */
final class NetworkFlags {
    /** Network modes that are not user-defined networks (docker's NetworkMode.IsUserDefined). */
    private static final Set<String> BUILTIN_MODES = Set.of("default", "bridge", "host", "none");

    @Option(names = {"-p", "--publish"}, paramLabel = "[IP:]HOST:CONTAINER[/PROTO]", description = "Publish a container's port(s) to the host")
    List<String> publish = new ArrayList<>();

    @Option(names = {"-P", "--publish-all"}, description = "Publish all exposed ports to random ports")
    boolean publishAll;

    @Option(names = "--expose", paramLabel = "PORT[-PORT][/PROTO]", description = "Expose a port or a range of ports")
    List<String> expose = new ArrayList<>();

    @Option(names = "--link", paramLabel = "NAME[:ALIAS]", description = "Add link to another container")
    List<String> links = new ArrayList<>();

    @Option(names = "--network-alias", paramLabel = "ALIAS", description = "Add network-scoped alias for the container")
    List<String> aliases = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "IPV4", description = "IPv4 address (e.g., 172.30.100.104)")
    String ip;

    /** Fills {@code config.ExposedPorts}, {@code hc} (HostConfig) and the body's NetworkingConfig for {@code network}. */
    void writeTo(ObjectNode config, ObjectNode hc, String network) {
        ObjectNode exposed = config.putObject("ExposedPorts");
        ObjectNode bindings = hc.putObject("PortBindings");
        for (String p : publish) {
            for (PortSpec s : PortSpec.publish(p)) { // docker checks these after parsing flags: "berth: ..." form
                exposed.putObject(s.key());
                ArrayNode list = bindings.has(s.key()) ? (ArrayNode) bindings.get(s.key()) : bindings.putArray(s.key());
                list.addObject().put("HostIp", s.hostIp()).put("HostPort", s.hostPort());
            }
        }
        for (String e : expose) {
            PortSpec.expose(e).forEach(exposed::putObject);
        }
        hc.put("PublishAllPorts", publishAll);
        for (String l : links) {
            if (l.isEmpty() || l.split(":", -1).length > 2 || l.startsWith(":") || l.endsWith(":")) {
                throw new FlagValueException("--link", l, "bad format for links: " + l);
            }
        }
        if (links.isEmpty()) {
            hc.putNull("Links");
        } else {
            ArrayNode a = hc.putArray("Links");
            links.forEach(a::add);
        }
        if (ip != null && !ip.isEmpty() && !NetOpts.isIpv4(ip)) {
            throw new BadValueException("invalid IPv4 address: " + ip);
        }
        ObjectNode endpoints = config.putObject("NetworkingConfig").putObject("EndpointsConfig");
        ObjectNode ep = endpoints.putObject(network);
        boolean userDefined = !BUILTIN_MODES.contains(network) && !network.startsWith("container:");
        if (ip != null && !ip.isEmpty()) {
            ep.putObject("IPAMConfig").put("IPv4Address", ip);
        }
        if (userDefined && !links.isEmpty()) {
            ArrayNode epLinks = ep.putArray("Links"); // on a user-defined network --link makes an alias there
            links.forEach(epLinks::add);
        }
        if (!aliases.isEmpty()) {
            ArrayNode a = ep.putArray("Aliases");
            aliases.forEach(a::add);
        }
    }
}

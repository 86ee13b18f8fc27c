package berth.cli.command;

import berth.cli.opts.BadValueException;
import berth.cli.opts.NetOpts;
import berth.client.Json;
import berth.client.Query;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth network connect NETWORK CONTAINER}: silent on success, as docker. */
@Command(name = "connect", description = "Connect a container to a network")
final class NetworkConnectCommand extends DaemonCommand {
    static final String USAGE = "[OPTIONS] NETWORK CONTAINER";

    @Option(names = "--alias", paramLabel = "STRINGS", description = "Add network-scoped alias for the container")
    List<String> aliases = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "STRING", description = "IPv4 address (e.g., \"172.30.100.104\")")
    String ip;

    @Option(names = "--link", paramLabel = "LIST", description = "Add link to another container")
    List<String> links = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "NETWORK")
    String network;

    @Parameters(index = "1", paramLabel = "CONTAINER")
    String container;

    @Override
    public Integer call() {
        ObjectNode body = FlagErrors.checked("network connect", USAGE, berth.cli.ExitCodes.ERROR, () -> {
            try {
                return body();
            } catch (berth.cli.opts.BadValueException e) {
                throw new berth.cli.CliException(berth.cli.ExitCodes.ERROR, e.getMessage()); // docker prints the reason alone
            }
        });
        client().postJson("/networks/" + Query.pathSegment(network) + "/connect", Query.of(), body);
        return 0;
    }

    ObjectNode body() {
        for (String l : links) {
            if (l.isEmpty() || l.split(":", -1).length > 2 || l.startsWith(":") || l.endsWith(":")) {
                throw new FlagValueException("--link", l, "bad format for links: " + l);
            }
        }
        if (ip != null && !ip.isEmpty() && !NetOpts.isIpv4(ip)) {
            throw new BadValueException("invalid IPv4 address: " + ip);
        }
        ObjectNode b = Json.object();
        b.put("Container", container);
        ObjectNode ep = b.putObject("EndpointConfig");
        if (ip != null && !ip.isEmpty()) {
            ep.putObject("IPAMConfig").put("IPv4Address", ip);
        } else {
            ep.putNull("IPAMConfig");
        }
        ArrayNode l = ep.putArray("Links");
        links.forEach(l::add);
        ArrayNode a = ep.putArray("Aliases");
        aliases.forEach(a::add);
        return b;
    }
}

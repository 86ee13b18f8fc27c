package berth.cli.command;

import berth.cli.opts.IpamPools;
import berth.client.Json;
import berth.client.Query;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth network create NAME}: prints the new network's id, as docker does. */
@Command(name = "create", description = "Create a network")
final class NetworkCreateCommand extends DaemonCommand {
    static final String USAGE = "[OPTIONS] NETWORK";

    @Option(names = {"-d", "--driver"}, paramLabel = "STRING", description = "Driver to manage the Network (default \"bridge\")")
    String driver = "bridge";

    @Option(names = "--subnet", paramLabel = "STRINGS", description = "Subnet in CIDR format that represents a network segment")
    List<String> subnets = new ArrayList<>();

    @Option(names = "--gateway", paramLabel = "STRINGS", description = "IPv4 or IPv6 Gateway for the master subnet")
    List<String> gateways = new ArrayList<>();

    @Option(names = "--ip-range", paramLabel = "STRINGS", description = "Allocate container ip from a sub-range")
    List<String> ranges = new ArrayList<>();

    @Option(names = "--internal", description = "Restrict external access to the network")
    boolean internal;

    @Option(names = "--attachable", description = "Enable manual container attachment")
    boolean attachable;

    @Option(names = "--label", paramLabel = "LIST", description = "Set metadata on a network")
    List<String> labels = new ArrayList<>();

    @Option(names = {"-o", "--opt"}, paramLabel = "MAP", description = "Set driver specific options")
    List<String> opts = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "NETWORK")
    String name;

    @Override
    public Integer call() {
        ObjectNode body = FlagErrors.checked("network create", USAGE, berth.cli.ExitCodes.ERROR, () -> {
            try {
                return body();
            } catch (berth.cli.opts.BadValueException e) {
                throw new berth.cli.CliException(berth.cli.ExitCodes.ERROR, e.getMessage()); // docker prints the reason alone
            }
        });
        out().println(client().postJson("/networks/create", Query.of(), body).path("Id").asText());
        return 0;
    }

    /** The body as the docker CLI sends it. */
    ObjectNode body() {
        ObjectNode b = Json.object();
        b.put("Driver", driver);
        b.put("Scope", "");
        ObjectNode ipam = b.putObject("IPAM");
        ipam.put("Driver", "default");
        ipam.putObject("Options");
        ArrayNode config = ipam.putArray("Config");
        for (IpamPools.Pool p : IpamPools.of(subnets, gateways, ranges)) {
            ObjectNode c = config.addObject().put("Subnet", p.subnet());
            if (!p.ipRange().isEmpty()) {
                c.put("IPRange", p.ipRange());
            }
            if (!p.gateway().isEmpty()) {
                c.put("Gateway", p.gateway());
            }
        }
        b.put("Internal", internal);
        b.put("Attachable", attachable);
        b.put("Ingress", false);
        b.put("ConfigOnly", false);
        b.putNull("ConfigFrom");
        ObjectNode o = b.putObject("Options");
        for (String kv : opts) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new FlagValueException("-o, --opt", kv, "expected key=value");
            }
            o.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        ObjectNode l = b.putObject("Labels");
        for (String label : labels) {
            int eq = label.indexOf('=');
            l.put(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
        }
        b.put("Name", name);
        b.put("CheckDuplicate", true);
        return b;
    }
}

package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth port CONTAINER [PRIVATE_PORT[/PROTO]]}: the published ports from inspect's NetworkSettings.Ports. */
@Command(name = "port", description = "List port mappings or a specific mapping for the container")
final class PortCommand extends DaemonCommand {
    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PRIVATE_PORT[/PROTO]")
    String port;

    @Override
    public Integer call() {
        JsonNode ports = client().getJson(Refs.container(container) + "/json", Query.of()).path("NetworkSettings").path("Ports");
        List<String> lines = lines(ports, port);
        if (port != null && lines.isEmpty()) {
            String key = port.contains("/") ? port : port + "/tcp";
            throw new CliException(ExitCodes.ERROR, "Error: No public port '" + key + "' published for " + container);
        }
        lines.forEach(out()::println);
        return 0;
    }

    /**
     * "80/tcp -> 0.0.0.0:8080" per binding (sorted by port, as docker), or just "0.0.0.0:8080" when
     * one port was asked for; IPv6 hosts in brackets.
     */
    static List<String> lines(JsonNode ports, String wanted) {
        Map<String, JsonNode> sorted = new TreeMap<>((a, b) -> {
            int c = Integer.compare(portNumber(a), portNumber(b));
            return c != 0 ? c : a.compareTo(b);
        });
        ports.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
        String key = wanted == null ? null : wanted.contains("/") ? wanted : wanted + "/tcp";
        List<String> out = new ArrayList<>();
        sorted.forEach((k, bindings) -> {
            if (key != null && !key.equals(k)) {
                return;
            }
            for (JsonNode b : bindings) {
                String ip = b.path("HostIp").asText("");
                String host = (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + b.path("HostPort").asText("");
                out.add(key != null ? host : k + " -> " + host);
            }
        });
        return out;
    }

    private static int portNumber(String key) {
        try {
            return Integer.parseInt(key.substring(0, key.indexOf('/') < 0 ? key.length() : key.indexOf('/')));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}

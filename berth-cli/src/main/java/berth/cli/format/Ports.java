package berth.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PORTS column as the docker CLI renders it: consecutive ports of one kind folded into ranges
 * ("53/udp", "8000-8001/tcp", "0.0.0.0:80->80/tcp" when the host port equals the container's) first,
 * then the mappings to other host ports ("127.0.0.1:8080->80/tcp, [::]:32768->9999/tcp").
 */
public final class Ports {
    private Ports() {}

    private record Port(String ip, int pub, int priv, String type) {}

    /** A run of consecutive container ports with the same address and protocol. */
    private static final class Group {
        final int first;
        int last;

        Group(int port) {
            first = port;
            last = port;
        }
    }

    public static String display(JsonNode ports) {
        List<Port> list = new ArrayList<>();
        for (JsonNode p : ports) {
            list.add(new Port(p.path("IP").asText(""), p.path("PublicPort").asInt(0), p.path("PrivatePort").asInt(0),
                    p.path("Type").asText("tcp")));
        }
        list.sort(Comparator.comparingInt(Port::priv).thenComparing(Port::ip).thenComparingInt(Port::pub)
                .thenComparing(Port::type));
        Map<String, Group> open = new LinkedHashMap<>(); // key: "type" or "ip/type", in order of first sight
        List<String> closed = new ArrayList<>();
        List<String> mappings = new ArrayList<>();
        for (Port p : list) {
            String key = p.type();
            if (!p.ip().isEmpty()) {
                if (p.pub() != p.priv()) {
                    mappings.add(host(p.ip(), String.valueOf(p.pub())) + "->" + p.priv() + "/" + p.type());
                    continue;
                }
                key = p.ip() + "/" + p.type();
            }
            Group g = open.get(key);
            if (g == null) {
                open.put(key, new Group(p.priv()));
            } else if (p.priv() == g.last + 1) {
                g.last = p.priv();
            } else if (p.priv() != g.last) {
                closed.add(form(key, g));
                open.put(key, new Group(p.priv()));
            }
        }
        List<String> out = new ArrayList<>(closed);
        open.forEach((key, g) -> out.add(form(key, g)));
        out.addAll(mappings);
        return String.join(", ", out);
    }

    private static String form(String key, Group g) {
        int slash = key.lastIndexOf('/');
        String ip = slash < 0 ? "" : key.substring(0, slash);
        String type = slash < 0 ? key : key.substring(slash + 1);
        String range = g.first == g.last ? String.valueOf(g.first) : g.first + "-" + g.last;
        return (ip.isEmpty() ? range : host(ip, range) + "->" + range) + "/" + type;
    }

    private static String host(String ip, String port) {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }
}

package berth.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The PORTS column: "127.0.0.1:8080->80/tcp, [::]:32768->9999/tcp, 53/udp". */
public final class Ports {
    private Ports() {}

    public static String display(JsonNode ports) {
        record Port(String ip, int pub, int priv, String type) {}
        List<Port> list = new ArrayList<>();
        for (JsonNode p : ports) {
            list.add(new Port(p.path("IP").asText(""), p.path("PublicPort").asInt(0), p.path("PrivatePort").asInt(0),
                    p.path("Type").asText("tcp")));
        }
        list.sort((a, b) -> a.priv() != b.priv() ? Integer.compare(a.priv(), b.priv())
                : a.ip().compareTo(b.ip()) != 0 ? a.ip().compareTo(b.ip()) : Integer.compare(a.pub(), b.pub()));
        Set<String> out = new LinkedHashSet<>();
        for (Port p : list) {
            if (p.pub() > 0) {
                String ip = p.ip().contains(":") ? "[" + p.ip() + "]" : p.ip();
                out.add(ip + ":" + p.pub() + "->" + p.priv() + "/" + p.type());
            } else {
                out.add(p.priv() + "/" + p.type());
            }
        }
        return String.join(", ", out);
    }
}

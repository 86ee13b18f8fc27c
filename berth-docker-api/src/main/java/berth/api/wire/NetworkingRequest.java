package berth.api.wire;

import static berth.api.wire.JsonFields.child;
import static berth.api.wire.JsonFields.strings;
import static berth.api.wire.JsonFields.text;

import berth.errors.BerthException;
import berth.network.EndpointConfig;
import berth.network.PortBinding;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates the networking parts of requests: {@code HostConfig.PortBindings} and {@code Links} of a
 * create, and the endpoint settings of {@code NetworkingConfig.EndpointsConfig} and
 * {@code network connect}. Bad values are refused with dockerd's wording.
 */
public final class NetworkingRequest {
    private static final java.util.regex.Pattern DOTTED_QUAD =
            java.util.regex.Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    private NetworkingRequest() {}

    /**
     * {@code {"80/tcp":[{"HostIp":"","HostPort":"8080"}]}}; a HostPort of "" asks for an ephemeral
     * port. A key without bindings (the CLI's {@code "80/tcp":null}) publishes nothing.
     */
    public static List<PortBinding> portBindings(JsonNode ports) {
        List<PortBinding> out = new ArrayList<>();
        if (ports == null || ports.isNull()) {
            return out;
        }
        if (!ports.isObject()) {
            throw BerthException.invalid("invalid value for PortBindings: expected an object of port → bindings");
        }
        for (var entry : ports.properties()) {
            ContainerPort port = ContainerPort.parse(entry.getKey());
            JsonNode bindings = entry.getValue();
            if (bindings == null || bindings.isNull()) {
                continue;
            }
            if (!bindings.isArray()) {
                throw BerthException.invalid("invalid value for PortBindings." + entry.getKey() + ": expected a list of bindings");
            }
            for (JsonNode b : bindings) {
                String hostIp = text(b, "HostIp").orElse("").strip();
                if (!hostIp.isEmpty() && !isIpLiteral(hostIp)) {
                    throw BerthException.invalid("invalid host IP address: \"" + hostIp + "\"");
                }
                out.add(new PortBinding(port.number(), port.protocol(), hostIp,
                        hostPort(text(b, "HostPort").orElse("").strip())));
            }
        }
        return out;
    }

    /** A container port key, "80/tcp" or "80" (tcp). */
    public record ContainerPort(int number, String protocol) {
        public static ContainerPort parse(String key) {
            int slash = key.indexOf('/');
            String num = slash < 0 ? key : key.substring(0, slash);
            String proto = slash < 0 ? "tcp" : key.substring(slash + 1).toLowerCase(java.util.Locale.ROOT);
            if (num.contains("-")) {
                throw BerthException.invalid("invalid port specification: \"" + num
                        + "\" (a port range as the container port is not supported by berth; publish each port)");
            }
            int n = port(num);
            if (n == 0) {
                throw BerthException.invalid("invalid port specification: \"" + num + "\"");
            }
            if (!proto.equals("tcp") && !proto.equals("udp")) {
                throw proto.equals("sctp")
                        ? BerthException.notImplemented("sctp ports are not supported by berth (" + key + ")")
                        : BerthException.invalid("invalid proto: " + proto);
            }
            return new ContainerPort(n, proto);
        }

        public String key() {
            return number + "/" + protocol;
        }
    }

    /** dockerd's nat.NewPort rule for a HostPort: 0..65535; berth publishes one port per binding. */
    private static int hostPort(String raw) {
        if (raw.isEmpty()) {
            return 0;
        }
        if (raw.contains("-")) {
            throw BerthException.invalid("invalid port specification: \"" + raw
                    + "\" (host port ranges are not supported by berth; give one host port, or none for an ephemeral one)");
        }
        return port(raw);
    }

    /** 0..65535 in decimal, else "invalid port specification". */
    private static int port(String raw) {
        try {
            int n = Integer.parseInt(raw);
            if (n >= 0 && n <= 65535 && raw.chars().allMatch(Character::isDigit)) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw BerthException.invalid("invalid port specification: \"" + raw + "\"");
    }

    /** {@code HostConfig.Links} and endpoint Links: "name" or "name:alias" ("/name:/ctr/alias" as dockerd stores them). */
    public static List<String> links(List<String> raw) {
        List<String> out = new ArrayList<>();
        for (String link : raw) {
            String[] parts = link.split(":", -1);
            if (link.isBlank() || parts.length > 2 || parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())) {
                throw BerthException.invalid("invalid link format: " + link + " (expected name or name:alias)");
            }
            String name = trimSlash(parts[0]);
            String alias = parts.length == 2 ? parts[1].substring(parts[1].lastIndexOf('/') + 1) : name;
            out.add(name + ":" + alias);
        }
        return out;
    }

    private static String trimSlash(String s) {
        return s.startsWith("/") ? s.substring(1) : s;
    }

    /** {@code NetworkingConfig.EndpointsConfig}: network name → its settings, in the order given. */
    public static Map<String, EndpointConfig> endpoints(JsonNode networkingConfig) {
        Map<String, EndpointConfig> out = new LinkedHashMap<>();
        JsonNode eps = child(networkingConfig, "EndpointsConfig");
        if (eps == null) {
            return out;
        }
        if (!eps.isObject()) {
            throw BerthException.invalid("invalid value for EndpointsConfig: expected an object of network → settings");
        }
        eps.properties().forEach(e -> out.put(e.getKey(), endpointConfig(e.getValue())));
        return out;
    }

    /** One endpoint's settings: Aliases, Links and IPAMConfig.IPv4Address. */
    public static EndpointConfig endpointConfig(JsonNode ep) {
        if (ep == null || ep.isNull() || ep.isMissingNode()) {
            return EndpointConfig.DEFAULT;
        }
        if (!ep.isObject()) {
            throw BerthException.invalid("invalid value for EndpointConfig: expected an object");
        }
        String ip = text(child(ep, "IPAMConfig"), "IPv4Address").orElse("").strip();
        if (!ip.isEmpty() && !(isIpLiteral(ip) && !ip.contains(":"))) {
            throw BerthException.invalid("invalid IPv4 address: " + ip);
        }
        return new EndpointConfig(strings(ep, "Aliases").orElse(List.of()),
                links(strings(ep, "Links").orElse(List.of())), ip);
    }

    /** Endpoint settings berth cannot honour, by their wire names (for the create's "unsupported" list). */
    static List<String> unsupportedEndpointFields(JsonNode networkingConfig) {
        List<String> out = new ArrayList<>();
        JsonNode eps = child(networkingConfig, "EndpointsConfig");
        if (eps == null || !eps.isObject()) {
            return out;
        }
        for (var e : eps.properties()) {
            JsonNode ep = e.getValue();
            if (!text(ep, "MacAddress").orElse("").isEmpty()) {
                out.add("NetworkingConfig.EndpointsConfig." + e.getKey() + ".MacAddress");
            }
            JsonNode ipam = child(ep, "IPAMConfig");
            if (!text(ipam, "IPv6Address").orElse("").isEmpty()) {
                out.add("NetworkingConfig.EndpointsConfig." + e.getKey() + ".IPAMConfig.IPv6Address");
            }
            if (JsonFields.nonEmpty(ep, "DriverOpts")) {
                out.add("NetworkingConfig.EndpointsConfig." + e.getKey() + ".DriverOpts");
            }
        }
        return out;
    }

    static boolean isIpLiteral(String s) {
        if (s.isEmpty() || s.contains("%") || s.contains("[")) {
            return false;
        }
        if (!s.contains(":") && !DOTTED_QUAD.matcher(s).matches()) {
            return false; // Java also takes "1.2.3" and "10" as IPv4 literals; Go's ParseIP does not
        }
        try {
            InetAddress.ofLiteral(s); // a literal only, never a name lookup
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

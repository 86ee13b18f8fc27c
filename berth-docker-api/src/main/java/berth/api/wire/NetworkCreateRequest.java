package berth.api.wire;

import static berth.api.wire.JsonFields.bool;
import static berth.api.wire.JsonFields.child;
import static berth.api.wire.JsonFields.stringMap;
import static berth.api.wire.JsonFields.text;

import berth.errors.BerthException;
import berth.network.IpamPool;
import berth.network.NetworkSpec;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates the body of {@code POST /networks/create} into a {@link NetworkSpec}. What berth cannot
 * give (IPv6, swarm scopes, ingress, config-only networks, other IPAM drivers) is refused with 501
 * rather than created without it.
 */
public final class NetworkCreateRequest {
    private NetworkCreateRequest() {}

    public static NetworkSpec toSpec(JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull() || !body.isObject()) {
            throw BerthException.invalid("invalid network create request: expected a JSON object");
        }
        String name = text(body, "Name").orElse("").strip();
        if (name.isEmpty()) {
            throw BerthException.invalid("network name must not be empty"); // the name is required, as in dockerd
        }
        if (bool(body, "EnableIPv6")) {
            throw BerthException.notImplemented("IPv6 networks are not supported by berth (EnableIPv6)");
        }
        JsonNode ipv4 = child(body, "EnableIPv4");
        if (ipv4 != null && !bool(body, "EnableIPv4")) {
            throw BerthException.notImplemented("networks without IPv4 are not supported by berth (EnableIPv4=false)");
        }
        if (bool(body, "Ingress")) {
            throw BerthException.notImplemented("ingress networks are a swarm feature berth does not have");
        }
        if (bool(body, "ConfigOnly") || !text(child(body, "ConfigFrom"), "Network").orElse("").isEmpty()) {
            throw BerthException.notImplemented("config-only networks are not supported by berth (ConfigOnly, ConfigFrom)");
        }
        String scope = text(body, "Scope").orElse("");
        if (!scope.isEmpty() && !scope.equals("local")) {
            throw BerthException.notImplemented("network scope " + scope + " is not supported by berth (only local)");
        }
        JsonNode ipam = child(body, "IPAM");
        String ipamDriver = text(ipam, "Driver").orElse("");
        if (!ipamDriver.isEmpty() && !ipamDriver.equals("default")) {
            throw BerthException.notImplemented("IPAM driver " + ipamDriver + " is not supported by berth (only default)");
        }
        if (!stringMap(ipam, "Options").isEmpty()) {
            throw BerthException.notImplemented("IPAM options are not supported by berth");
        }
        return new NetworkSpec(name, text(body, "Driver").orElse(""), bool(body, "Internal"), bool(body, "Attachable"),
                pools(child(ipam, "Config")), stringMap(body, "Options"), stringMap(body, "Labels"));
    }

    private static List<IpamPool> pools(JsonNode config) {
        List<IpamPool> out = new ArrayList<>();
        if (config == null) {
            return out;
        }
        if (!config.isArray()) {
            throw BerthException.invalid("invalid value for IPAM.Config: expected a list of pools");
        }
        for (JsonNode p : config) {
            if (JsonFields.nonEmpty(p, "AuxiliaryAddresses")) {
                throw BerthException.notImplemented("auxiliary addresses (--aux-address) are not supported by berth");
            }
            String subnet = text(p, "Subnet").orElse("");
            if (subnet.contains(":")) {
                throw BerthException.notImplemented("IPv6 subnets are not supported by berth: " + subnet);
            }
            out.add(new IpamPool(subnet, text(p, "Gateway").orElse(""), text(p, "IPRange").orElse("")));
        }
        return out;
    }
}

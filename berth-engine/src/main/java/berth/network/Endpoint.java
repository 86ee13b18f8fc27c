package berth.network;

import java.util.List;

/**
 * A container plugged into one network: what inspect shows under {@code NetworkSettings.Networks}.
 *
 * @param ifName     the interface in the container ("eth0", "eth1", ...)
 * @param ipAddress  "" while the container is not running
 * @param dnsNames   the names the embedded DNS answers with this address: the container's name, its
 *                   short ID, its aliases
 */
public record Endpoint(String networkId, String networkName, String endpointId, String ifName, String ipAddress,
        int prefixLen, String gateway, String macAddress, EndpointConfig config, List<String> dnsNames) {
    public Endpoint {
        dnsNames = List.copyOf(dnsNames);
    }
}

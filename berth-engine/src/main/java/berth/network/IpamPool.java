package berth.network;

/**
 * One address pool of a network, in CIDR notation.
 *
 * @param subnet  e.g. "10.210.3.0/24"
 * @param gateway the gateway's address ("" when none, as on internal and macvlan networks without one)
 * @param ipRange the part of the subnet containers get addresses from ("" for all of it)
 */
public record IpamPool(String subnet, String gateway, String ipRange) {
    public IpamPool {
        subnet = subnet == null ? "" : subnet;
        gateway = gateway == null ? "" : gateway;
        ipRange = ipRange == null ? "" : ipRange;
    }
}

package berth.compose.model;

import java.util.List;
import java.util.Map;

/**
 * How a service attaches to one network ({@code networks: [a]} gives an all-empty entry).
 *
 * @param aliases extra DNS aliases on this network (the service name is always one; not listed)
 * @param ipv4Address static IPv4 address, or null
 * @param ipv6Address static IPv6 address, or null
 * @param linkLocalIps link-local addresses
 * @param macAddress MAC address on this network, or null
 * @param driverOpts endpoint driver options
 * @param priority {@code priority}, or null
 * @param gwPriority {@code gw_priority}, or null
 */
public record ServiceNetwork(
    List<String> aliases,
    String ipv4Address,
    String ipv6Address,
    List<String> linkLocalIps,
    String macAddress,
    Map<String, String> driverOpts,
    Integer priority,
    Integer gwPriority) {

  public static final ServiceNetwork EMPTY =
      new ServiceNetwork(List.of(), null, null, List.of(), null, Map.of(), null, null);

  public ServiceNetwork {
    aliases = Maps.list(aliases);
    linkLocalIps = Maps.list(linkLocalIps);
    driverOpts = Maps.ordered(driverOpts);
  }
}

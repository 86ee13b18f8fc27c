package berth.compose.model;

/**
 * One published port, long form. {@code "127.0.0.1:8080-8081:80-81/udp"} becomes two entries
 * (8080→80, 8081→81); a published range against a single target ({@code "8000-8010:80"}) stays one
 * entry with {@code published = "8000-8010"} (the engine picks a free one).
 *
 * @param name {@code name}, or null
 * @param target container port
 * @param published host port: {@code "8080"}, a range {@code "8000-8010"}, or {@code ""}/null for
 *     an ephemeral port
 * @param hostIp host address to bind, or null (all addresses)
 * @param protocol {@code tcp} (default) or {@code udp} / {@code sctp}
 * @param mode {@code ingress} (default) or {@code host}
 * @param appProtocol {@code app_protocol}, or null
 */
public record PortConfig(
    String name,
    int target,
    String published,
    String hostIp,
    String protocol,
    String mode,
    String appProtocol) {

  public PortConfig {
    if (protocol == null) protocol = "tcp";
    if (mode == null) mode = "ingress";
  }
}

package berth.compose.model;

import java.util.List;
import java.util.Map;

/**
 * A top-level network.
 *
 * @param name the engine name: {@code name:} when set, else {@code <project>_<key>} (e.g. {@code
 *     proj_default}); for {@code external} networks {@code name:} or the key as is
 * @param driver or null (bridge)
 * @param driverOpts driver options
 * @param ipam IPAM configuration, or null
 * @param internal {@code internal}
 * @param attachable {@code attachable}
 * @param enableIpv6 {@code enable_ipv6}, or null
 * @param labels network labels (compose adds its own {@code com.docker.compose.*} ones on create)
 * @param external the network must exist; compose never creates or removes it
 */
public record Network(
    String name,
    String driver,
    Map<String, String> driverOpts,
    Ipam ipam,
    boolean internal,
    boolean attachable,
    Boolean enableIpv6,
    Map<String, String> labels,
    boolean external) {

  public Network {
    driverOpts = Maps.ordered(driverOpts);
    labels = Maps.ordered(labels);
  }

  /**
   * @param driver or null
   * @param config address pools
   * @param options IPAM driver options
   */
  public record Ipam(String driver, List<Pool> config, Map<String, String> options) {
    public Ipam {
      config = Maps.list(config);
      options = Maps.ordered(options);
    }
  }

  /** One IPAM pool; any field may be null. */
  public record Pool(String subnet, String ipRange, String gateway, Map<String, String> auxAddresses) {
    public Pool {
      auxAddresses = Maps.ordered(auxAddresses);
    }
  }
}

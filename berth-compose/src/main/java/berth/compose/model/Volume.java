package berth.compose.model;

import java.util.Map;

/**
 * A top-level volume.
 *
 * @param name the engine name: {@code name:} when set, else {@code <project>_<key>}; for {@code
 *     external} volumes {@code name:} or the key as is
 * @param driver or null (local)
 * @param driverOpts driver options
 * @param labels volume labels
 * @param external the volume must exist; compose never creates or removes it
 */
public record Volume(
    String name, String driver, Map<String, String> driverOpts, Map<String, String> labels, boolean external) {
  public Volume {
    driverOpts = Maps.ordered(driverOpts);
    labels = Maps.ordered(labels);
  }
}

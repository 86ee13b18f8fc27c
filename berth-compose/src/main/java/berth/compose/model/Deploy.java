package berth.compose.model;

import java.util.Map;

/**
 * A service's {@code deploy} section (the parts a single engine honours are typed).
 *
 * @param mode {@code replicated} / {@code global}, or null
 * @param replicas or null
 * @param resources limits and reservations, or null
 * @param restartPolicy {@code restart_policy} as loaded, or empty
 * @param labels service labels (not container labels)
 * @param other the remaining deploy keys, as loaded
 */
public record Deploy(
    String mode,
    Integer replicas,
    Resources resources,
    Map<String, Object> restartPolicy,
    Map<String, String> labels,
    Map<String, Object> other) {

  public Deploy {
    restartPolicy = Maps.ordered(restartPolicy);
    labels = Maps.ordered(labels);
    other = Maps.ordered(other);
  }

  /** {@code resources.limits} and {@code resources.reservations}, each possibly null. */
  public record Resources(ResourceSpec limits, ResourceSpec reservations) {}

  /**
   * @param cpus CPUs (e.g. 0.5), or null
   * @param memory bytes, or null
   * @param pids or null
   */
  public record ResourceSpec(Double cpus, Long memory, Long pids) {}
}

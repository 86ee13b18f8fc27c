package berth.compose.model;

/**
 * One {@code depends_on} entry (the list form gives {@code service_started}, restart false,
 * required true).
 *
 * @param condition {@link #STARTED}, {@link #HEALTHY} or {@link #COMPLETED}
 * @param restart restart this service when the dependency is restarted
 * @param required fail when the dependency is missing or fails; false: warn and go on
 */
public record DependsOn(String condition, boolean restart, boolean required) {
  public static final String STARTED = "service_started";
  public static final String HEALTHY = "service_healthy";
  public static final String COMPLETED = "service_completed_successfully";

  public DependsOn {
    if (condition == null) condition = STARTED;
  }
}

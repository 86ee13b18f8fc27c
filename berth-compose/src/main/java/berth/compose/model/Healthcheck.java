package berth.compose.model;

import java.time.Duration;
import java.util.List;

/**
 * A service's {@code healthcheck}.
 *
 * @param test the test as the Engine API wants it: {@code ["CMD", ...]}, {@code ["CMD-SHELL",
 *     "..."]} (a string in the file becomes CMD-SHELL) or {@code ["NONE"]}; null when unset (the
 *     image's check stays)
 * @param interval or null
 * @param timeout or null
 * @param startPeriod or null
 * @param startInterval or null
 * @param retries or null
 * @param disable {@code disable: true} (same effect as {@code test: ["NONE"]})
 */
public record Healthcheck(
    List<String> test,
    Duration interval,
    Duration timeout,
    Duration startPeriod,
    Duration startInterval,
    Integer retries,
    boolean disable) {

  public Healthcheck {
    test = Maps.nullableList(test);
  }
}

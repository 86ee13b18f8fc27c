package berth.compose.model;

import java.util.Map;

/**
 * @param driver log driver, or null (daemon default)
 * @param options driver options
 */
public record Logging(String driver, Map<String, String> options) {
  public Logging {
    options = Maps.ordered(options);
  }
}

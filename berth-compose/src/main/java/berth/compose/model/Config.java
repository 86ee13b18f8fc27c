package berth.compose.model;

import java.util.Map;

/**
 * A top-level config. Exactly one of {@code file}, {@code environment}, {@code content} is set unless
 * {@code external}.
 *
 * @param name the engine name: {@code name:} when set, else {@code <project>_<key>}
 * @param file absolute path of the file holding the value, or null
 * @param environment name of the variable (in {@link Project#environment()}) holding the value, or null
 * @param content inline content, or null
 * @param external the object exists already (swarm only); compose does not create it
 * @param labels labels
 */
public record Config(
    String name, String file, String environment, String content, boolean external, Map<String, String> labels) {
  public Config {
    labels = Maps.ordered(labels);
  }
}

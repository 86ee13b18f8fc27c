package berth.compose.model;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The project name, as docker compose picks it: {@code -p}, else {@code COMPOSE_PROJECT_NAME},
 * else the top-level {@code name:}, else the project directory's base name. An explicit name must
 * already be valid; the directory name is normalised (lowercased, other characters dropped).
 */
final class ProjectName {
  private ProjectName() {}

  private static final Pattern VALID = Pattern.compile("^[a-z0-9][a-z0-9_-]*$");

  static String resolve(String flag, String envName, String fileName, Path projectDir) {
    if (flag != null && !flag.isEmpty()) return validate(flag, "-p");
    if (envName != null && !envName.isEmpty()) return validate(envName, "COMPOSE_PROJECT_NAME");
    if (fileName != null && !fileName.isEmpty()) return validate(fileName, "name");
    Path base = projectDir.getFileName();
    String normalised = normalise(base == null ? "" : base.toString());
    if (normalised.isEmpty()) {
      throw new ComposeFileException(
          "project name must not be empty: the directory name \"" + base + "\" has no usable characters; use -p or name:");
    }
    return normalised;
  }

  /** Lowercase, only {@code [a-z0-9_-]}, starting with a letter or digit. */
  static String normalise(String s) {
    String lower = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
    return lower.replaceFirst("^[_-]+", "");
  }

  static String validate(String name, String source) {
    if (!VALID.matcher(name).matches()) {
      throw new ComposeFileException(
          "invalid project name \""
              + name
              + "\" ("
              + source
              + "): must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number");
    }
    return name;
  }
}

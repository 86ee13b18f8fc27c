package berth.compose.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to load and with which environment. Nothing here is read from the process: the CLI passes
 * {@code System.getenv()} in {@code environment}.
 *
 * @param files compose files in merge order ({@code -f}); {@code "-"} means {@code stdin}; empty:
 *     look for {@code compose.yaml}, {@code compose.yml}, {@code docker-compose.yml}, {@code
 *     docker-compose.yaml} (and an override file, {@code compose.override.yml} first) in {@code workingDir} or its parents; relative
 *     paths are resolved against {@code workingDir}. {@code COMPOSE_FILE} in the environment is
 *     honoured when this is empty.
 * @param stdin the bytes of standard input, used for {@code "-"}; may be null otherwise
 * @param projectName {@code -p}, or null
 * @param workingDir the current directory (absolute)
 * @param projectDir {@code --project-directory}, or null: then the directory of the first file
 *     (or {@code workingDir} for stdin)
 * @param environment the caller's environment (wins over {@code .env})
 * @param profiles active profiles ({@code --profile}); when empty, {@code COMPOSE_PROFILES} from the
 *     environment is used
 * @param envFiles {@code --env-file} overrides, or empty: then {@code <projectDir>/.env} if present
 * @param services services named on the command line: they and their dependencies are activated
 *     even when their profiles are not enabled (empty: none)
 */
public record LoadOptions(
    List<String> files,
    byte[] stdin,
    String projectName,
    Path workingDir,
    Path projectDir,
    Map<String, String> environment,
    List<String> profiles,
    List<Path> envFiles,
    List<String> services) {

  public LoadOptions {
    files = Maps.list(files);
    if (workingDir == null) throw new IllegalArgumentException("workingDir is required");
    workingDir = workingDir.toAbsolutePath().normalize();
    environment = Maps.ordered(environment);
    profiles = Maps.list(profiles);
    envFiles = Maps.list(envFiles);
    services = Maps.list(services);
  }

  /** Defaults: no files (look up default names), no overrides. */
  public static LoadOptions of(Path workingDir, Map<String, String> environment) {
    return new LoadOptions(List.of(), null, null, workingDir, null, environment, List.of(), List.of(), List.of());
  }

  public LoadOptions withFiles(List<String> f) {
    return new LoadOptions(f, stdin, projectName, workingDir, projectDir, environment, profiles, envFiles, services);
  }

  public LoadOptions withStdin(byte[] in) {
    return new LoadOptions(files, in, projectName, workingDir, projectDir, environment, profiles, envFiles, services);
  }

  public LoadOptions withProjectName(String p) {
    return new LoadOptions(files, stdin, p, workingDir, projectDir, environment, profiles, envFiles, services);
  }

  public LoadOptions withProjectDir(Path d) {
    return new LoadOptions(files, stdin, projectName, workingDir, d, environment, profiles, envFiles, services);
  }

  public LoadOptions withProfiles(List<String> p) {
    return new LoadOptions(files, stdin, projectName, workingDir, projectDir, environment, p, envFiles, services);
  }

  public LoadOptions withEnvFiles(List<Path> e) {
    return new LoadOptions(files, stdin, projectName, workingDir, projectDir, environment, profiles, e, services);
  }

  public LoadOptions withServices(List<String> s) {
    return new LoadOptions(files, stdin, projectName, workingDir, projectDir, environment, profiles, envFiles, s);
  }
}

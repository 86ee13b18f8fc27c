package berth.compose.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A resolved, normalised compose project.
 *
 * @param name the project name (normalised: lowercase, {@code [a-z0-9_-]}, starts with a letter or
 *     digit); containers, networks and volumes carry it in {@code com.docker.compose.project}
 * @param workingDir the project directory (absolute); relative paths in the files were resolved
 *     against it; {@code com.docker.compose.project.working_dir}
 * @param configFiles the compose files loaded, in merge order, as absolute paths ({@code "-"} for
 *     stdin); {@code com.docker.compose.project.config_files} is these joined by ","
 * @param services the active services (profiles applied), in file order, key = service name
 * @param disabledServices services defined but inactive because of their profiles, by name
 * @param networks top-level networks by key (the key services use), including the implicit
 *     {@code default} network when some service uses it; {@link Network#name()} is the engine name
 * @param volumes top-level volumes by key; {@link Volume#name()} is the engine name
 * @param secrets top-level secrets by key
 * @param configs top-level configs by key
 * @param environment the environment used for interpolation: the {@code .env} file(s) overlaid by
 *     the environment passed in {@link LoadOptions}
 * @param extensions top-level {@code x-*} keys, as loaded (maps, lists, strings, numbers, booleans)
 */
public record Project(
    String name,
    Path workingDir,
    List<String> configFiles,
    Map<String, Service> services,
    Map<String, Service> disabledServices,
    Map<String, Network> networks,
    Map<String, Volume> volumes,
    Map<String, Secret> secrets,
    Map<String, Config> configs,
    Map<String, String> environment,
    Map<String, Object> extensions) {

  public Project {
    configFiles = List.copyOf(configFiles);
    services = Maps.ordered(services);
    disabledServices = Maps.ordered(disabledServices);
    networks = Maps.ordered(networks);
    volumes = Maps.ordered(volumes);
    secrets = Maps.ordered(secrets);
    configs = Maps.ordered(configs);
    environment = Maps.ordered(environment);
    extensions = Maps.ordered(extensions);
  }

  /** The service called {@code name}, active or not, or null. */
  public Service service(String name) {
    Service s = services.get(name);
    return s != null ? s : disabledServices.get(name);
  }
}

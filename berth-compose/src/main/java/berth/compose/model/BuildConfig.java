package berth.compose.model;

import java.util.List;
import java.util.Map;

/**
 * A service's {@code build} section, long form ({@code build: ./dir} becomes {@code context}).
 *
 * @param context build context: an absolute directory path, or a URL (git/http) kept as written
 * @param dockerfile Dockerfile path relative to the context, or null (the builder's default)
 * @param dockerfileInline {@code dockerfile_inline}, or null
 * @param args build arguments; a null value means "declared without value and not in the
 *     environment"
 * @param target target stage, or null
 * @param labels image labels
 * @param cacheFrom {@code cache_from}
 * @param cacheTo {@code cache_to}
 * @param network network for RUN steps, or null
 * @param extraHosts {@code extra_hosts} for RUN steps, host → addresses
 * @param shmSize {@code shm_size} in bytes, or null
 * @param noCache {@code no_cache}
 * @param pull {@code pull}: always pull the base image
 * @param platforms target platforms
 * @param tags extra tags
 * @param additionalContexts {@code additional_contexts}, name → path or URL
 * @param other the remaining valid build keys ({@code secrets}, {@code ssh}, ...), as loaded
 */
public record BuildConfig(
    String context,
    String dockerfile,
    String dockerfileInline,
    Map<String, String> args,
    String target,
    Map<String, String> labels,
    List<String> cacheFrom,
    List<String> cacheTo,
    String network,
    Map<String, List<String>> extraHosts,
    Long shmSize,
    boolean noCache,
    boolean pull,
    List<String> platforms,
    List<String> tags,
    Map<String, String> additionalContexts,
    Map<String, Object> other) {

  public BuildConfig {
    args = Maps.ordered(args);
    labels = Maps.ordered(labels);
    cacheFrom = Maps.list(cacheFrom);
    cacheTo = Maps.list(cacheTo);
    extraHosts = Maps.ordered(extraHosts);
    platforms = Maps.list(platforms);
    tags = Maps.list(tags);
    additionalContexts = Maps.ordered(additionalContexts);
    other = Maps.ordered(other);
  }
}

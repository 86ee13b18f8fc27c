package berth.build;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parameters of {@code POST /build} ({@code docker build} with {@code DOCKER_BUILDKIT=0}) that the
 * builder acts on, already parsed from the query string.
 *
 * @param tags         {@code t}: names to tag the result with ({@code repo[:tag]}), validated before building
 * @param dockerfile   {@code dockerfile}: the Dockerfile's path in the context; empty for the default
 * @param buildArgs    {@code buildargs}: name → value; a null value means "declared, no value" (Docker's
 *                     {@code --build-arg NAME} when NAME is unset in the client's environment)
 * @param labels       {@code labels}: set on the final image
 * @param target       {@code target}: the stage to stop after
 * @param networkMode  {@code networkmode}: for RUN steps, {@code default} (the bridge), {@code none} or {@code host}
 * @param noCache      {@code nocache}
 * @param pull         {@code pull}: pull every FROM image, even when present
 * @param squash       {@code squash}: the new layers of the final stage as one
 * @param cacheFrom    {@code cachefrom}: images whose history may serve as cache
 * @param removeIntermediate {@code rm} (default true): remove each step's container once it succeeded
 * @param forceRemove  {@code forcerm}: remove the step containers even when a step failed
 * @param platform     {@code platform}: os/arch[/variant] for FROM images
 * @param extraHosts   {@code extrahosts}: {@code host:ip} lines for RUN containers' /etc/hosts
 * @param registryAuth {@code X-Registry-Config} decoded: registry host → credentials, for pulling FROM images
 */
public record BuildRequest(List<String> tags, String dockerfile, Map<String, String> buildArgs,
                           Map<String, String> labels, Optional<String> target, String networkMode,
                           boolean noCache, boolean pull, boolean squash, List<String> cacheFrom,
                           boolean removeIntermediate, boolean forceRemove, Optional<String> platform,
                           List<String> extraHosts, Map<String, berth.image.RegistryCredentials> registryAuth) {
    public BuildRequest {
        tags = List.copyOf(tags);
        dockerfile = Objects.requireNonNullElse(dockerfile, "");
        buildArgs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(buildArgs)); // null values allowed
        labels = Map.copyOf(labels);
        target = target.filter(t -> !t.isEmpty());
        networkMode = networkMode == null || networkMode.isEmpty() ? "default" : networkMode;
        cacheFrom = List.copyOf(cacheFrom);
        platform = platform.filter(p -> !p.isEmpty());
        extraHosts = List.copyOf(extraHosts);
        registryAuth = Map.copyOf(registryAuth);
    }

    /** A request with Docker's defaults and only these tags. */
    public static BuildRequest withTags(List<String> tags) {
        return new BuildRequest(tags, "", Map.of(), Map.of(), Optional.empty(), "default", false, false, false,
                List.of(), true, false, Optional.empty(), List.of(), Map.of());
    }
}

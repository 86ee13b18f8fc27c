package berth.compose.project;

import berth.compose.model.Service;

/**
 * Builds a service's image through the daemon's build API and registry credentials for pulls; the CLI
 * implements it (it owns the build-context archiver and the client configuration).
 */
public interface ImageBuilder {
    /** Builds {@code service.build()} and tags the result {@code tag}. */
    void build(Service service, String tag);

    /** The {@code X-Registry-Auth} value for pulling or pushing {@code image}. */
    String registryAuth(String image);
}

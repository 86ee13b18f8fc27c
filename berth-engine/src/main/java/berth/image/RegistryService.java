package berth.image;

import berth.content.Digest;
import java.util.List;
import java.util.Optional;

/**
 * The engine's seam to remote registries: pull, push, login and remote inspect, as {@code docker pull},
 * {@code docker push}, {@code docker login} and {@code docker manifest}/{@code GET /distribution} need
 * them. Implemented by berth-distribution over the OCI distribution protocol; the API adapter maps the
 * endpoints onto it and turns {@link Progress} events into Docker's JSON progress stream.
 *
 * <h2>Progress</h2> Events follow what dockerd emits, so the docker CLI draws its bars:
 * {@code Status("Pulling from library/busybox")} (id = tag), per layer {@code Item(shortHex, "Pulling fs
 * layer"|"Waiting"|"Downloading"|"Verifying Checksum"|"Download complete"|"Extracting"|"Pull complete"|
 * "Already exists", current, total)}, then {@code Status("Digest: sha256:…")} and
 * {@code Status("Status: Downloaded newer image for busybox:latest")} or {@code "Status: Image is up to
 * date for …"}. Push: {@code "The push refers to repository [docker.io/library/x]"}, per layer
 * {@code "Preparing"|"Waiting"|"Pushing"|"Pushed"|"Layer already exists"|"Mounted from library/y"}, then
 * {@code "v1: digest: sha256:… size: 527"}.
 *
 * <h2>Errors</h2> {@link berth.errors.BerthException}: NOT_FOUND for an unknown repository, tag or
 * manifest (Docker's words: "manifest for x:y not found: manifest unknown: …", "pull access denied for x,
 * repository does not exist or may require 'docker login'"), UNAUTHENTICATED for refused credentials,
 * INVALID_ARGUMENT for hostile or malformed registry answers (wrong digest, oversized manifest) and bad
 * references, UNAVAILABLE when the registry cannot be reached. Nothing is stored by a failed pull.
 */
public interface RegistryService {

    /**
     * Pulls {@code reference} ({@code busybox}, {@code busybox:1.36}, {@code host:5000/a/b@sha256:…}).
     *
     * @param platform {@code os[/arch[/variant]]} to select from a manifest list; empty = the daemon's
     */
    ImageIngest.Committed pull(String reference, Optional<String> platform, RegistryCredentials credentials,
                               Progress.Listener progress);

    /**
     * {@code docker pull -a}: pulls every tag the registry lists for {@code repository} (a name without
     * tag or digest), one after the other, with the same progress events per tag as {@link #pull}.
     */
    List<ImageIngest.Committed> pullAllTags(String repository, Optional<String> platform, RegistryCredentials credentials,
                                            Progress.Listener progress);

    /**
     * Pushes a local image. {@code reference} is {@code name[:tag]}; without a tag every tag of that
     * repository is pushed, as {@code docker push} does. Returns the pushed manifests.
     */
    List<PushedManifest> push(String reference, RegistryCredentials credentials, Progress.Listener progress);

    /**
     * Checks credentials against a registry ({@code serverAddress} empty = Docker Hub) and returns
     * Docker's {@code "Login Succeeded"} status with an identity token when the registry issued one.
     * UNAUTHENTICATED when refused.
     */
    LoginResult login(RegistryCredentials credentials);

    /** {@code GET /distribution/{name}/json}: the manifest descriptor and its platforms, nothing pulled. */
    RemoteImage inspect(String reference, RegistryCredentials credentials);

    record PushedManifest(String tag, Digest digest, long size) {}

    record LoginResult(String status, Optional<String> identityToken) {}

    /**
     * @param mediaType the manifest's (or index's) media type
     * @param platforms the platforms of an index's manifests, or the one of an image manifest
     *                  ({@code os/arch[/variant]})
     */
    record RemoteImage(String mediaType, Digest digest, long size, List<String> platforms) {}
}

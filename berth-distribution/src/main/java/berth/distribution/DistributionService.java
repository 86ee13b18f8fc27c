package berth.distribution;

import berth.content.Digest;
import berth.errors.BerthException;
import berth.distribution.client.RegistryClient;
import berth.distribution.client.RemoteRepository;
import berth.distribution.pull.LayerSources;
import berth.distribution.pull.PulledConfig;
import berth.distribution.pull.Puller;
import berth.distribution.push.PushOptions;
import berth.distribution.push.Pusher;
import berth.image.ImageIngest;
import berth.image.ImageReference;
import berth.image.ImageService;
import berth.image.Progress;
import berth.image.RegistryCredentials;
import berth.image.RegistryService;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The engine's {@link RegistryService} over the OCI distribution protocol: pull ({@link Puller}), login,
 * remote inspect, push ({@link Pusher}). One instance per daemon; it owns the HTTP client.
 */
public final class DistributionService implements RegistryService, AutoCloseable {
    private final RegistryClient client;
    private final Puller puller;
    private final Pusher pusher;

    /**
     * @param images          the image store ({@code DefaultImageService}: both the images and their ingest)
     * @param hosts           mirrors and insecure registries, from {@code --registry-mirror} and
     *                        {@code --insecure-registry}
     * @param defaultPlatform what to pull from a manifest list when no platform is asked for
     * @param dataRoot        the daemon's data root; {@code distribution/} under it keeps where layers came from
     */
    public <S extends ImageService & ImageIngest> DistributionService(S images, RegistryHosts hosts, Platform defaultPlatform,
                                                                       Path dataRoot) {
        this(images, images, hosts, defaultPlatform, dataRoot, PushOptions.DEFAULTS);
    }

    /**
     * @param images  resolves what a push names (a tag, or every tag of a repository)
     * @param options how pushes upload (parallelism, chunk size)
     */
    public DistributionService(ImageService images, ImageIngest ingest, RegistryHosts hosts, Platform defaultPlatform,
                               Path dataRoot, PushOptions options) {
        this.client = new RegistryClient(hosts);
        LayerSources sources = new LayerSources(dataRoot);
        this.puller = new Puller(client, ingest, defaultPlatform, sources);
        this.pusher = new Pusher(client, images, ingest, sources, dataRoot.resolve("distribution").resolve("uploads"), options);
    }

    @Override
    public ImageIngest.Committed pull(String reference, Optional<String> platform, RegistryCredentials credentials,
                                      Progress.Listener progress) {
        return puller.pull(reference, platform, credentials, progress);
    }

    @Override
    public List<ImageIngest.Committed> pullAllTags(String repository, Optional<String> platform,
                                                   RegistryCredentials credentials, Progress.Listener progress) {
        ImageReference name = ImageReference.parse(repository).nameOnly();
        List<String> tags = client.repository(name, credentials).tags();
        if (tags.isEmpty()) {
            throw BerthException.notFound("no tags in repository " + name.familiarName());
        }
        List<ImageIngest.Committed> pulled = new ArrayList<>();
        for (String tag : tags) {
            pulled.add(puller.pull(name.withTag(tag).toString(), platform, credentials, progress));
        }
        return pulled;
    }

    @Override
    public List<PushedManifest> push(String reference, RegistryCredentials credentials, Progress.Listener progress) {
        return pusher.push(reference, credentials, progress);
    }

    @Override
    public LoginResult login(RegistryCredentials credentials) {
        String domain = registryDomain(credentials.serverAddress());
        Optional<String> identity = client.login(domain, credentials);
        return new LoginResult("Login Succeeded", identity);
    }

    @Override
    public RemoteImage inspect(String reference, RegistryCredentials credentials) {
        ImageReference ref = ImageReference.parse(reference).withDefaultTag();
        RemoteRepository remote = client.repository(ref, credentials);
        Manifest manifest = remote.manifest(ref.digest().map(Digest::toString).orElseGet(() -> ref.tag().orElseThrow()));
        List<String> platforms = new ArrayList<>();
        if (manifest instanceof ManifestIndex index) {
            for (Descriptor d : index.manifests()) {
                if (MediaTypes.isImageManifest(d.mediaType())) {
                    d.platform().map(Platform::toString).filter(p -> !platforms.contains(p)).ifPresent(platforms::add);
                }
            }
        } else if (manifest instanceof ImageManifest image && image.isRunnableImage()) {
            byte[] config = remote.blob(image.config(), RemoteRepository.MAX_CONFIG_BYTES);
            PulledConfig.parse(config, image.config().digest()).platform().ifPresent(p -> platforms.add(p.toString()));
        }
        return new RemoteImage(manifest.mediaType(), manifest.digest(), manifest.raw().length, platforms);
    }

    /**
     * The registry a login is for, as dockerd reads {@code serveraddress}: empty or Docker Hub's old index
     * URL is {@code docker.io}; a URL is cut to its host[:port].
     */
    static String registryDomain(String serverAddress) {
        String s = serverAddress.strip();
        if (s.isEmpty()) {
            return ImageReference.DEFAULT_DOMAIN;
        }
        if (s.contains("://")) {
            URI uri = URI.create(s);
            s = uri.getRawAuthority() == null ? s : uri.getRawAuthority();
        } else {
            int slash = s.indexOf('/');
            s = slash < 0 ? s : s.substring(0, slash);
        }
        s = s.toLowerCase(Locale.ROOT);
        if (s.equals(RegistryHosts.DOCKER_HUB_INDEX) || s.equals(RegistryHosts.DOCKER_HUB_ENDPOINT)) {
            return ImageReference.DEFAULT_DOMAIN;
        }
        return s;
    }

    @Override
    public void close() {
        client.close();
    }
}

package berth.distribution.push;

import berth.content.Digest;
import berth.distribution.Descriptor;
import berth.distribution.MediaTypes;
import berth.distribution.ProgressStream;
import berth.distribution.client.RegistryClient;
import berth.distribution.client.RemoteRepository;
import berth.distribution.pull.LayerSources;
import berth.distribution.push.LocalTags.Target;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.image.ImageIngest;
import berth.image.ImageReference;
import berth.image.ImageService;
import berth.image.Progress;
import berth.image.RegistryCredentials;
import berth.image.RegistryService.PushedManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

/**
 * {@code docker push}: for each tag to push (one, or every tag of the repository), makes each layer
 * present in the target repository, builds a Docker schema 2 manifest over the image's exact config
 * bytes, puts it under the tag, and records the pushed manifest's digest as a repo digest of the image.
 *
 * <p>A layer is made present the cheapest way, as dockerd does with its v2 metadata: when
 * {@link LayerSources} knows a gzip blob of that DiffID on the same registry, a {@code HEAD} in the target
 * repository ("Layer already exists"), else a cross-repository mount from where it was seen ("Mounted
 * from it/other"); failing both, the layer's tar is gzip-compressed to a temp file under the data root
 * (hashing as it goes), checked with a {@code HEAD} by its digest, and uploaded ("Pushed"), then
 * recorded in {@link LayerSources} so the next push skips it. Layers go up
 * {@link PushOptions#parallelUploads} at a time; the first failure cancels the others.
 */
public final class Pusher {
    private static final String PUSHED = "Pushed";
    private static final String EXISTS = "Layer already exists";

    private final RegistryClient client;
    private final ImageService images;
    private final ImageIngest ingest;
    private final LayerSources sources;
    private final Path tempDir;
    private final PushOptions options;

    /**
     * @param tempDir where compressed layers wait for their upload; emptied now of what a crash left
     */
    public Pusher(RegistryClient client, ImageService images, ImageIngest ingest, LayerSources sources, Path tempDir,
                  PushOptions options) {
        this.client = client;
        this.images = images;
        this.ingest = ingest;
        this.sources = sources;
        this.tempDir = tempDir;
        this.options = options;
        sweep(tempDir);
    }

    public List<PushedManifest> push(String reference, RegistryCredentials credentials, Progress.Listener progress) {
        ImageReference ref = ImageReference.parse(reference);
        progress.on(new Progress.Status("The push refers to repository [" + ref.name() + "]"));
        List<Target> targets = LocalTags.resolve(ref, images);
        RemoteRepository remote = client.repository(ref, credentials);
        List<PushedManifest> pushed = new ArrayList<>();
        for (Target target : targets) {
            pushed.add(pushTag(remote, target, progress));
        }
        return List.copyOf(pushed);
    }

    private PushedManifest pushTag(RemoteRepository remote, Target target, Progress.Listener progress) {
        byte[] config = ingest.config(target.imageId());
        List<Digest> diffIds = images.inspect(target.imageId().toString()).diffIds();
        Map<Digest, Descriptor> layers = pushLayers(remote, diffIds, progress);

        Descriptor configDescriptor = Descriptor.of(MediaTypes.DOCKER_CONFIG, Digest.sha256(config), config.length);
        if (!remote.blobExists(configDescriptor.digest())) {
            remote.uploadBlob(configDescriptor.digest(), config.length, () -> new java.io.ByteArrayInputStream(config),
                    options.chunkSize());
        }
        byte[] manifest = SchemaTwoManifest.write(configDescriptor, diffIds.stream().map(layers::get).toList());
        Digest digest = remote.putManifest(target.tag(), MediaTypes.DOCKER_MANIFEST, manifest);
        ImageReference name = remote.name();
        ingest.addRepoDigest(target.imageId(), new ImageReference(name.domain(), name.path(), Optional.empty(), Optional.of(digest)));
        progress.on(new Progress.Status(target.tag() + ": digest: " + digest + " size: " + manifest.length));
        return new PushedManifest(target.tag(), digest, manifest.length);
    }

    /** Makes every distinct layer present in the repository, in parallel; returns their descriptors by DiffID. */
    private Map<Digest, Descriptor> pushLayers(RemoteRepository remote, List<Digest> diffIds, Progress.Listener progress) {
        List<Digest> distinct = diffIds.stream().distinct().toList();
        distinct.forEach(d -> progress.on(new Progress.Item(d.shortHex(), "Preparing", 0, 0)));
        for (int k = options.parallelUploads(); k < distinct.size(); k++) {
            progress.on(new Progress.Item(distinct.get(k).shortHex(), "Waiting", 0, 0));
        }
        Semaphore slots = new Semaphore(options.parallelUploads());
        Map<Digest, Future<Descriptor>> futures = new LinkedHashMap<>();
        Map<Digest, Descriptor> done = new LinkedHashMap<>();
        Throwable failure = null;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Digest diffId : distinct) {
                futures.put(diffId, executor.submit(() -> {
                    slots.acquire();
                    try {
                        return pushLayer(remote, diffId, progress);
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (var e : futures.entrySet()) {
                try {
                    done.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException ex) {
                    if (failure == null) {
                        failure = ex.getCause();
                        futures.values().forEach(f -> f.cancel(true));
                    }
                } catch (CancellationException ex) {
                    // cancelled after the first failure
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    failure = failure == null ? ex : failure;
                    futures.values().forEach(f -> f.cancel(true));
                }
            }
        }
        if (failure != null) {
            throw asBerth(failure);
        }
        return done;
    }

    private Descriptor pushLayer(RemoteRepository remote, Digest diffId, Progress.Listener progress) throws IOException {
        String id = diffId.shortHex();
        ImageReference name = remote.name();
        List<LayerSources.Source> known = sources.sources(diffId).stream()
                .filter(s -> s.registry().equals(name.domain()) && isGzip(s.mediaType())).toList();
        // already in the target repository, as a previous push or pull left it
        for (LayerSources.Source s : known) {
            if (s.repository().equals(name.path()) && remote.blobExists(Digest.parse(s.digest()))) {
                return done(diffId, Digest.parse(s.digest()), s.size(), name, EXISTS, progress);
            }
        }
        for (LayerSources.Source s : known) {
            if (!s.repository().equals(name.path()) && tryMount(remote, Digest.parse(s.digest()), s.repository())) {
                return done(diffId, Digest.parse(s.digest()), s.size(), name, "Mounted from " + s.repository(), progress);
            }
        }
        try (CompressedLayer blob = CompressedLayer.of(ingest.openLayer(diffId), tempDir)) {
            if (remote.blobExists(blob.digest())) {
                return done(diffId, blob.digest(), blob.size(), name, EXISTS, progress);
            }
            progress.on(new Progress.Item(id, "Pushing", 0, blob.size()));
            remote.uploadBlob(blob.digest(), blob.size(), () -> new ProgressStream(open(blob), id, "Pushing", blob.size(), progress),
                    options.chunkSize());
            return done(diffId, blob.digest(), blob.size(), name, PUSHED, progress);
        }
    }

    /** A mount the registry refuses (no pull access to the source, say) just means an upload. */
    private static boolean tryMount(RemoteRepository remote, Digest digest, String fromPath) {
        try {
            return remote.mountBlob(digest, fromPath);
        } catch (BerthException e) {
            if (e.kind() == ErrorKind.UNAVAILABLE) {
                throw e;
            }
            return false;
        }
    }

    private Descriptor done(Digest diffId, Digest blob, long size, ImageReference name, String status, Progress.Listener progress) {
        sources.record(diffId, new LayerSources.Source(blob.toString(), MediaTypes.DOCKER_LAYER_GZIP, size, name.domain(), name.path()));
        progress.on(new Progress.Item(diffId.shortHex(), status, 0, 0));
        return Descriptor.of(MediaTypes.DOCKER_LAYER_GZIP, blob, size);
    }

    /** The manifest declares Docker's gzip layer type: only a gzip blob can be reused under it. */
    private static boolean isGzip(String mediaType) {
        return MediaTypes.layerCompression(mediaType).filter(c -> c == MediaTypes.LayerCompression.GZIP).isPresent()
                && !MediaTypes.isForeignLayer(mediaType);
    }

    private static InputStream open(CompressedLayer blob) {
        try {
            return blob.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BerthException asBerth(Throwable t) {
        return switch (t) {
            case BerthException b -> b;
            case UncheckedIOException u -> new BerthException(ErrorKind.UNAVAILABLE, "push failed: " + u.getCause().getMessage(), u);
            case IOException io -> new BerthException(ErrorKind.UNAVAILABLE, "push failed: " + io.getMessage(), io);
            case InterruptedException i -> new BerthException(ErrorKind.UNAVAILABLE, "push interrupted", i);
            default -> BerthException.internal("push failed: " + t, t);
        };
    }

    private static void sweep(Path dir) {
        try (Stream<Path> leftovers = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
            for (Path p : (Iterable<Path>) leftovers::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // leftovers cost disk space only
        }
    }
}

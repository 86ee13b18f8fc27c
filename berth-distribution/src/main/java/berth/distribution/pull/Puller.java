package berth.distribution.pull;

import berth.content.Digest;
import berth.distribution.Descriptor;
import berth.distribution.ImageManifest;
import berth.distribution.Manifest;
import berth.distribution.ManifestIndex;
import berth.distribution.MediaTypes;
import berth.distribution.Platform;
import berth.distribution.PlatformMatcher;
import berth.distribution.ProgressStream;
import berth.distribution.VerifyingInputStream;
import berth.distribution.client.RegistryClient;
import berth.distribution.client.RemoteRepository;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.image.ImageIngest;
import berth.image.ImageIngest.PreparedLayer;
import berth.image.ImageReference;
import berth.image.Progress;
import berth.image.RegistryCredentials;
import berth.snapshot.ChainIds;
import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;

/**
 * {@code docker pull}: resolves a reference to an image manifest (through an index, for the wanted
 * platform), fetches and checks the config, skips the layers the store has ("Already exists"), and
 * streams the others, three at a time as dockerd, from the registry through digest verification and
 * decompression straight into {@link ImageIngest#prepareLayer} (no compressed copy on disk). The image
 * becomes visible only at {@link ImageIngest#commitPulled}, all at once; any failure cancels the other
 * downloads and discards every prepared layer, so a failed pull leaves nothing behind.
 */
public final class Puller {
    /** As dockerd's max-concurrent-downloads default. */
    static final int PARALLEL_DOWNLOADS = 3;
    private static final int BUFFER = 1 << 16;

    private final RegistryClient client;
    private final ImageIngest ingest;
    private final Platform defaultPlatform;
    private final LayerSources sources;

    public Puller(RegistryClient client, ImageIngest ingest, Platform defaultPlatform, LayerSources sources) {
        this.client = client;
        this.ingest = ingest;
        this.defaultPlatform = defaultPlatform;
        this.sources = sources;
    }

    public ImageIngest.Committed pull(String reference, Optional<String> platform, RegistryCredentials credentials,
                                      Progress.Listener progress) {
        ImageReference ref = ImageReference.parse(reference).withDefaultTag();
        Optional<Platform> requested = platform.filter(p -> !p.isBlank()).map(Platform::parse);
        Platform wanted = requested.orElse(defaultPlatform);
        String tagOrDigest = ref.digest().map(Digest::toString).orElseGet(() -> ref.tag().orElseThrow());
        RemoteRepository remote = client.repository(ref, credentials);

        progress.on(new Progress.Item(ref.digest().isPresent() ? ref.digest().get().shortHex() : ref.tag().orElseThrow(),
                "Pulling from " + ref.path(), 0, 0));
        Manifest top = remote.manifest(tagOrDigest);
        ImageManifest image;
        boolean platformDeclared = true;
        if (top instanceof ManifestIndex index) {
            PlatformMatcher.Match match = new PlatformMatcher(wanted).select(index);
            platformDeclared = match.platformDeclared();
            Manifest chosen = remote.manifest(match.descriptor().digest().toString());
            if (!(chosen instanceof ImageManifest m) || chosen.raw().length != match.descriptor().size()) {
                throw BerthException.invalid("manifest " + match.descriptor().digest() + " of " + ref.familiarName()
                        + " is not the image manifest of " + match.descriptor().size() + " bytes its index announced");
            }
            image = m;
        } else {
            image = (ImageManifest) top;
            platformDeclared = requested.isEmpty();
        }
        checkPullable(image, ref);

        byte[] config = remote.blob(image.config(), RemoteRepository.MAX_CONFIG_BYTES);
        PulledConfig parsed = PulledConfig.parse(config, image.config().digest());
        if (!platformDeclared && parsed.platform().isPresent() && !new PlatformMatcher(wanted).matches(parsed.platform().get())) {
            throw new BerthException(ErrorKind.NOT_FOUND, "image with reference " + ref.familiarString()
                    + " was found but does not match the specified platform: wanted " + wanted + ", actual: "
                    + parsed.platform().get());
        }
        if (parsed.diffIds().size() != image.layers().size()) {
            throw BerthException.invalid("invalid image " + ref.familiarString() + ": its manifest lists "
                    + image.layers().size() + " layers but its config " + parsed.diffIds().size() + " diff_ids");
        }

        List<PreparedLayer> prepared = fetchLayers(remote, image.layers(), parsed.diffIds(), progress);
        List<ImageReference> tags = ref.digest().isPresent() ? List.of() : List.of(ref);
        ImageReference repoDigest = new ImageReference(ref.domain(), ref.path(), Optional.empty(), Optional.of(top.digest()));
        ImageIngest.Committed committed;
        try {
            committed = ingest.commitPulled(config, prepared, tags, Optional.of(repoDigest));
        } finally {
            prepared.forEach(PreparedLayer::close);
        }
        recordSources(ref, image.layers(), parsed.diffIds());
        progress.on(new Progress.Status("Digest: " + top.digest()));
        progress.on(new Progress.Status((committed.changed() ? "Status: Downloaded newer image for " : "Status: Image is up to date for ")
                + ref.familiarString()));
        return committed;
    }

    private static void checkPullable(ImageManifest image, ImageReference ref) {
        if (!image.isRunnableImage()) {
            throw BerthException.invalid(ref.familiarString() + " is not a container image: its config has media type "
                    + image.config().mediaType() + " (expected " + MediaTypes.DOCKER_CONFIG + " or " + MediaTypes.OCI_CONFIG + ")");
        }
        for (Descriptor layer : image.layers()) {
            if (MediaTypes.isForeignLayer(layer.mediaType())) {
                throw BerthException.invalid("image " + ref.familiarString() + " has a foreign (non-distributable) layer "
                        + layer.digest() + " of type " + layer.mediaType() + ": such images (Windows) cannot be pulled here");
            }
            if (!MediaTypes.isLayer(layer.mediaType())) {
                throw BerthException.invalid("image " + ref.familiarString() + " has layer " + layer.digest()
                        + " of unsupported media type " + layer.mediaType());
            }
        }
    }

    /**
     * Prepares every missing layer, in parallel; returns them in manifest order. On failure, the other
     * downloads are cancelled, everything prepared is closed, and the first error is thrown.
     */
    private List<PreparedLayer> fetchLayers(RemoteRepository remote, List<Descriptor> layers, List<Digest> diffIds,
                                            Progress.Listener progress) {
        List<Digest> chain = ChainIds.of(diffIds);
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            String id = layers.get(i).digest().shortHex();
            if (ingest.hasLayer(chain.get(i))) {
                progress.on(new Progress.Item(id, "Already exists", 0, 0));
            } else {
                missing.add(i);
                progress.on(new Progress.Item(id, "Pulling fs layer", 0, 0));
            }
        }
        for (int k = PARALLEL_DOWNLOADS; k < missing.size(); k++) {
            progress.on(new Progress.Item(layers.get(missing.get(k)).digest().shortHex(), "Waiting", 0, 0));
        }
        Semaphore slots = new Semaphore(PARALLEL_DOWNLOADS);
        Set<InputStream> open = ConcurrentHashMap.newKeySet();
        // every layer a task prepared, even one whose future was cancelled, so that none is left behind
        Set<PreparedLayer> preparedByTasks = ConcurrentHashMap.newKeySet();
        AtomicBoolean aborted = new AtomicBoolean();
        List<Future<PreparedLayer>> futures = new ArrayList<>();
        Throwable failure = null;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i : missing) {
                Descriptor layer = layers.get(i);
                Digest diffId = diffIds.get(i);
                futures.add(executor.submit(() -> {
                    slots.acquire();
                    try {
                        if (aborted.get()) {
                            throw new java.util.concurrent.CancellationException("pull aborted");
                        }
                        PreparedLayer p = fetchLayer(remote, layer, diffId, progress, open);
                        preparedByTasks.add(p);
                        return p;
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<PreparedLayer> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException | java.util.concurrent.CancellationException | InterruptedException e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    if (failure == null && !(e instanceof java.util.concurrent.CancellationException)) {
                        failure = e instanceof ExecutionException ee ? ee.getCause() : e;
                        // abort the others: closing their connections and interrupting wakes blocked reads
                        aborted.set(true);
                        futures.forEach(other -> other.cancel(true));
                        open.forEach(Puller::closeQuietly);
                    }
                }
            }
        } // waits for every task to end
        if (failure != null) {
            preparedByTasks.forEach(PreparedLayer::close);
            throw asBerth(failure);
        }
        return futures.stream().map(Future::resultNow).toList();
    }

    private PreparedLayer fetchLayer(RemoteRepository remote, Descriptor layer, Digest diffId, Progress.Listener progress,
                                     Set<InputStream> open) throws IOException {
        String id = layer.digest().shortHex();
        progress.on(new Progress.Item(id, "Downloading", 0, layer.size()));
        VerifyingInputStream blob = remote.openBlob(layer);
        open.add(blob);
        try (blob) {
            InputStream counted = new ProgressStream(blob, id, "Downloading", layer.size(), progress);
            FailureRecordingStream tar = new FailureRecordingStream(decompress(counted, layer));
            PreparedLayer prepared;
            try {
                prepared = ingest.prepareLayer(diffId, tar);
            } catch (RuntimeException e) {
                java.util.Optional<IOException> read = tar.failure();
                if (read.isPresent() && !(read.get() instanceof java.util.zip.ZipException)) {
                    throw layerError(layer, read.get()); // the stream broke or failed its check: nothing more to learn
                }
                throw corruptBlob(blob, layer).<RuntimeException>map(c -> c)
                        .orElseGet(() -> read.<RuntimeException>map(f -> layerError(layer, f)).orElse(e));
            }
            try {
                // the unpacker may stop at the tar's end: the blob is trusted only once all of it verified
                tar.transferTo(java.io.OutputStream.nullOutputStream());
                blob.verifyRemaining();
                if (!blob.isVerified()) {
                    throw new IOException("blob " + layer.digest() + " was not verified");
                }
            } catch (IOException e) {
                prepared.close();
                throw layerError(layer, e);
            } catch (RuntimeException e) {
                prepared.close();
                throw e;
            }
            progress.on(new Progress.Item(id, "Verifying Checksum", 0, 0));
            progress.on(new Progress.Item(id, "Download complete", 0, 0));
            progress.on(new Progress.Item(id, "Extracting", layer.size(), layer.size()));
            progress.on(new Progress.Item(id, "Pull complete", 0, 0));
            return prepared;
        } finally {
            open.remove(blob);
        }
    }

    private static InputStream decompress(InputStream in, Descriptor layer) throws IOException {
        MediaTypes.LayerCompression compression = MediaTypes.layerCompression(layer.mediaType()).orElseThrow();
        return switch (compression) {
            case NONE -> in;
            case GZIP -> new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
            case ZSTD -> new BufferedInputStream(new ZstdInputStream(new BufferedInputStream(in, BUFFER)), BUFFER);
        };
    }

    /**
     * Bad bytes from the registry usually break the gzip or tar stream before the digest is known, and
     * the unpacker then blames the tar: reads the rest of the blob, so that a digest mismatch is named
     * as what it is, in dockerd's words.
     */
    private static java.util.Optional<BerthException> corruptBlob(VerifyingInputStream blob, Descriptor layer) {
        try {
            blob.transferTo(java.io.OutputStream.nullOutputStream());
            blob.verifyRemaining();
            return java.util.Optional.empty();
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            return message.startsWith("digest mismatch") ? java.util.Optional.of(layerError(layer, e)) : java.util.Optional.empty();
        }
    }

    /** A verification failure is the registry's fault (INVALID_ARGUMENT); a broken stream is UNAVAILABLE. */
    private static BerthException layerError(Descriptor layer, IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.startsWith("digest mismatch")) {
            return new BerthException(ErrorKind.INVALID_ARGUMENT,
                    "filesystem layer verification failed for digest " + layer.digest() + " (" + message + ")", e);
        }
        boolean verification = message.startsWith("digest mismatch") || message.startsWith("blob ")
                || e instanceof java.util.zip.ZipException;
        return new BerthException(verification ? ErrorKind.INVALID_ARGUMENT : ErrorKind.UNAVAILABLE,
                "failed to pull layer " + layer.digest() + ": " + message, e);
    }

    private static BerthException asBerth(Throwable t) {
        if (t instanceof BerthException b) {
            return b;
        }
        if (t instanceof UncheckedIOException u) {
            return new BerthException(ErrorKind.UNAVAILABLE, "pull failed: " + u.getCause().getMessage(), u);
        }
        if (t instanceof IOException io) {
            return new BerthException(ErrorKind.UNAVAILABLE, "pull failed: " + io.getMessage(), io);
        }
        if (t instanceof InterruptedException) {
            return new BerthException(ErrorKind.UNAVAILABLE, "pull interrupted", t);
        }
        return BerthException.internal("pull failed: " + t, t);
    }

    private void recordSources(ImageReference ref, List<Descriptor> layers, List<Digest> diffIds) {
        for (int i = 0; i < layers.size(); i++) {
            Descriptor l = layers.get(i);
            sources.record(diffIds.get(i), new LayerSources.Source(l.digest().toString(), l.mediaType(), l.size(),
                    ref.domain(), ref.path()));
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // aborting anyway
        }
    }

    /** Keeps the first IOException a read threw, since the ingest may wrap it beyond recognition. */
    private static final class FailureRecordingStream extends java.io.FilterInputStream {
        private volatile IOException failure;

        FailureRecordingStream(InputStream in) {
            super(in);
        }

        Optional<IOException> failure() {
            return Optional.ofNullable(failure);
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }
    }
}

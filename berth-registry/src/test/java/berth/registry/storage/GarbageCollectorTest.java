package berth.registry.storage;

import static berth.registry.storage.Fixtures.bytes;
import static berth.registry.storage.Fixtures.pushBlob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import berth.content.Digest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GarbageCollectorTest {
    private static final RepositoryName REPO = RepositoryName.of("app");
    private static final String IMAGE = "application/vnd.oci.image.manifest.v1+json";
    private static final Duration GRACE = Duration.ofHours(1);

    @TempDir
    Path root;

    private final TestClock clock = new TestClock();
    private final ExecutorService pusher = Executors.newSingleThreadExecutor();
    private RegistryStorage storage;

    @BeforeEach
    void open() {
        storage = RegistryStorage.open(root, StorageConfig.defaults().withClock(clock).withGcGrace(GRACE));
    }

    @AfterEach
    void stopPusher() {
        pusher.shutdownNow();
    }

    private Digest putImage(String tag, String body, List<Digest> refs) {
        return storage.repositories().putManifest(REPO, Reference.of(Tag.of(tag)), bytes(body), IMAGE, refs);
    }

    @Test
    void collect_keepsReferencedAndRecentBlobsAndRemovesTheRest() {
        Digest referenced = pushBlob(storage, REPO, "referenced");
        Digest orphan = pushBlob(storage, REPO, "orphan");
        Digest manifest = putImage("v1", "{\"v\":1}", List.of(referenced));
        clock.advance(GRACE.plusSeconds(1));
        Digest recent = pushBlob(storage, REPO, "recent");

        GcReport report = storage.garbageCollector().collect();

        assertThat(report.deleted()).containsExactly(orphan);
        assertThat(report.bytesFreed()).isEqualTo("orphan".length());
        assertThat(report.referenced()).isEqualTo(2);
        assertThat(report.spared()).isEqualTo(1);
        assertThat(storage.blobs().list()).containsExactlyInAnyOrder(referenced, manifest, recent);
        assertThat(storage.repositories().statBlob(REPO, orphan)).isEmpty();
        assertThat(root.resolve("repositories/app/_layers/sha256/" + orphan.hex())).doesNotExist();
    }

    @Test
    void collect_removesBlobsOfDeletedManifestsOnceTheGraceHasPassed() {
        Digest layer = pushBlob(storage, REPO, "layer");
        Digest manifest = putImage("v1", "{}", List.of(layer));
        storage.repositories().deleteManifest(REPO, manifest);
        clock.advance(GRACE.plusSeconds(1));

        GcReport report = storage.garbageCollector().collect();

        assertThat(report.deleted()).containsExactlyInAnyOrder(layer, manifest);
        assertThat(storage.blobs().list()).isEmpty();
    }

    @Test
    void collect_keepsABlobReferencedFromAnotherRepository() {
        RepositoryName other = RepositoryName.of("other");
        Digest layer = pushBlob(storage, REPO, "layer");
        storage.repositories().mount(REPO, other, layer);
        storage.repositories().putManifest(other, Reference.of(Tag.of("v1")), bytes("{}"), IMAGE, List.of(layer));
        storage.repositories().deleteBlob(REPO, layer);
        clock.advance(GRACE.plusSeconds(1));

        storage.garbageCollector().collect();

        assertThat(storage.repositories().statBlob(other, layer)).hasValue(5);
    }

    @Test
    void mount_restartsTheGracePeriodOfTheBlob() {
        RepositoryName other = RepositoryName.of("other");
        Digest layer = pushBlob(storage, REPO, "layer");
        clock.advance(GRACE.plusSeconds(1));
        storage.repositories().mount(REPO, other, layer);

        GcReport report = storage.garbageCollector().collect();

        assertThat(report.deleted()).isEmpty();
        assertThat(storage.repositories().statBlob(other, layer)).hasValue(5);
    }

    @Test
    void putManifest_duringACollection_waitsAndKeepsItsRecentBlobs() throws Exception {
        Digest layer = pushBlob(storage, REPO, "layer just pushed");
        CompletableFuture<Future<Digest>> push = manifestPushedBetweenMarkAndSweep(List.of(layer));

        storage.garbageCollector().collect();

        Digest manifest = push.join().get();
        assertThat(storage.blobs().exists(layer)).isTrue();
        assertThat(storage.repositories().getManifest(REPO, Reference.of(manifest)).references()).containsExactly(layer);
    }

    @Test
    void putManifest_duringACollection_thatSweepsItsBlob_failsInsteadOfPointingAtNothing() throws Exception {
        Digest layer = pushBlob(storage, REPO, "layer pushed long ago");
        clock.advance(GRACE.plusSeconds(1));
        CompletableFuture<Future<Digest>> push = manifestPushedBetweenMarkAndSweep(List.of(layer));

        GcReport report = storage.garbageCollector().collect();

        assertThat(report.deleted()).containsExactly(layer);
        ExecutionException failure = assertThrows(ExecutionException.class, () -> push.join().get());
        assertThat(failure.getCause()).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.code()).isEqualTo(RegistryError.MANIFEST_BLOB_UNKNOWN));
        assertThat(storage.repositories().tags(REPO, OptionalInt.empty(), Optional.empty()).items()).isEmpty();
    }

    /**
     * Arranges for the next collection, once it has marked, to start a manifest push and to hold its
     * sweep until that push waits on the lock (or, were there no lock, has finished): the race a real
     * push can lose. The returned future holds the push once the collection has run.
     */
    private CompletableFuture<Future<Digest>> manifestPushedBetweenMarkAndSweep(List<Digest> refs) {
        CompletableFuture<Future<Digest>> started = new CompletableFuture<>();
        storage.garbageCollector().afterMark(() -> {
            Future<Digest> push = pusher.submit(() -> putImage("v1", "{\"pushed\":true}", refs));
            started.complete(push);
            while (!storage.pushLock().hasWaitingPushes() && !push.isDone()) {
                Thread.onSpinWait();
            }
            storage.garbageCollector().afterMark(() -> {});
        });
        return started;
    }
}

package berth.registry.storage;

import berth.errors.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The registry's storage under one root directory, wired together: open it once per server and hand
 * its parts to the HTTP layer. All parts share one {@link PushLock}, so a server must not open two
 * storages on the same root.
 */
public final class RegistryStorage {
    private final BlobStore blobs;
    private final Uploads uploads;
    private final Repositories repositories;
    private final GarbageCollector garbageCollector;
    private final PushLock pushLock;

    private RegistryStorage(Path root, StorageConfig config) {
        StorageLayout layout = new StorageLayout(root);
        this.pushLock = new PushLock();
        BlobLinks links = new BlobLinks(layout);
        this.blobs = new BlobStore(layout);
        this.uploads = new Uploads(layout, blobs, links, pushLock, config);
        this.repositories = new Repositories(layout, blobs, links, pushLock, config);
        this.garbageCollector = new GarbageCollector(blobs, links, repositories, pushLock, config);
    }

    /** Opens (creating if need be) the storage at {@code root}. Upload sessions on disk carry on. */
    public static RegistryStorage open(Path root, StorageConfig config) {
        try {
            Files.createDirectories(root.resolve("blobs").resolve("sha256"));
            Files.createDirectories(root.resolve("uploads"));
            Files.createDirectories(root.resolve("repositories"));
        } catch (IOException e) {
            throw BerthException.internal("cannot open registry storage at " + root + ": " + e.getMessage(), e);
        }
        return new RegistryStorage(root, config);
    }

    public BlobStore blobs() {
        return blobs;
    }

    public Uploads uploads() {
        return uploads;
    }

    public Repositories repositories() {
        return repositories;
    }

    public GarbageCollector garbageCollector() {
        return garbageCollector;
    }

    PushLock pushLock() {
        return pushLock;
    }
}

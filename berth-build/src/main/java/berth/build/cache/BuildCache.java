package berth.build.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The layer cache's index: which step (a {@link CacheKey}) made which image. Each entry is one small
 * JSON file, {@code <dir>/<id>.json}, written to a temp file, fsynced and renamed, so entries survive
 * daemon restarts and a crash leaves every file old or new. The images themselves live in the image
 * store; an entry whose image is gone is a miss (the caller checks) and is dropped.
 *
 * <p>Also tracks which images running builds are on ({@link #pin}), so a prune run meanwhile leaves
 * them. Thread-safe.
 */
public final class BuildCache {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(BuildCache.class.getName());

    private final Path dir;
    private final Map<String, CacheEntry> entries = new LinkedHashMap<>();
    private final Map<String, Integer> pinned = new HashMap<>();

    private BuildCache(Path dir) {
        this.dir = dir;
    }

    /** Opens (creating) the index in {@code dir}, reading every entry; unreadable files are skipped and removed. */
    public static BuildCache open(Path dir) {
        BuildCache cache = new BuildCache(dir);
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    if (!name.endsWith(".json")) {
                        Files.deleteIfExists(f); // a temp file a crash left
                        continue;
                    }
                    try {
                        CacheEntry e = read(Files.readAllBytes(f));
                        cache.entries.put(e.id(), e);
                    } catch (IOException | RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "dropping unreadable build cache entry " + f + ": " + e);
                        Files.deleteIfExists(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the build cache in " + dir, e);
        }
        return cache;
    }

    /** The entry for a key, if one was recorded. */
    public synchronized Optional<CacheEntry> lookup(CacheKey key) {
        return Optional.ofNullable(entries.get(key.id()));
    }

    /** Notes a hit: last used now, one use more. */
    public synchronized void touch(String id, Instant now) {
        CacheEntry e = entries.get(id);
        if (e != null) {
            write(e.used(now), false); // usage counts may be lost in a crash; the entry itself is durable
        }
    }

    /** Records what a step made (replacing an older entry of the same key). */
    public synchronized CacheEntry record(CacheKey key, String imageId, String description, Instant now) {
        CacheEntry e = new CacheEntry(key.id(), key.parent(), imageId, description, now, Optional.empty(), 0);
        write(e, true);
        return e;
    }

    /** Drops an entry (its image is gone, or a prune removed it). */
    public synchronized void forget(String id) {
        if (entries.remove(id) != null) {
            try {
                Files.deleteIfExists(dir.resolve(id + ".json"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete build cache entry " + id, e);
            }
        }
    }

    public synchronized List<CacheEntry> entries() {
        return List.copyOf(entries.values());
    }

    /** A running build uses this image: prune must leave it. Undo with {@link #unpin}. */
    public synchronized void pin(String imageId) {
        pinned.merge(imageId, 1, Integer::sum);
    }

    public synchronized void unpin(String imageId) {
        pinned.computeIfPresent(imageId, (k, n) -> n == 1 ? null : n - 1);
    }

    public synchronized boolean isPinned(String imageId) {
        return pinned.containsKey(imageId);
    }

    private void write(CacheEntry e, boolean durable) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", e.id());
        node.put("parentImage", e.parentImage());
        node.put("imageId", e.imageId());
        node.put("description", e.description());
        node.put("createdAt", e.createdAt().toString());
        e.lastUsedAt().ifPresent(t -> node.put("lastUsedAt", t.toString()));
        node.put("usageCount", e.usageCount());
        Path target = dir.resolve(e.id() + ".json");
        Path tmp = dir.resolve(e.id() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(node)));
                if (durable) {
                    ch.force(true);
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (durable) {
                try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                    d.force(true);
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write build cache entry " + target, ex);
        }
        entries.put(e.id(), e);
    }

    static CacheEntry read(byte[] bytes) throws IOException {
        JsonNode n = JSON.readTree(bytes);
        return new CacheEntry(n.path("id").asText(), n.path("parentImage").asText(""), n.path("imageId").asText(),
                n.path("description").asText(""), Instant.parse(n.path("createdAt").asText()),
                n.hasNonNull("lastUsedAt") ? Optional.of(Instant.parse(n.get("lastUsedAt").asText()))
                        : Optional.empty(),
                n.path("usageCount").asInt(0));
    }

    /** For tests and prune's report: the entries in a stable order (oldest first). */
    public synchronized List<CacheEntry> oldestFirst() {
        List<CacheEntry> all = new ArrayList<>(entries.values());
        all.sort(java.util.Comparator.comparing((CacheEntry e) -> e.lastUsedAt().orElse(e.createdAt())));
        return all;
    }
}

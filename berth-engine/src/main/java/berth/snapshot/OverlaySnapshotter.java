package berth.snapshot;

import berth.archive.UnpackResult;
import berth.content.Digest;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.store.AtomicFiles;
import berth.store.FileTrees;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Snapshots as plain directories for overlayfs: {@code <root>/snapshots/<n>/fs}, where {@code n} is a
 * small number so that a lowerdir string of many layers stays well under the one-page limit of mount
 * options. {@code <root>/snapshots/index.json} maps chain IDs to numbers and is replaced atomically.
 *
 * <p>Crash safety: a layer is filled (prepared) in {@code tmp-<random>/fs}, renamed to {@code <n>} when
 * committed, and only then recorded in the index; removal unrecords first, then renames the directory
 * to {@code del-<n>} and deletes it. Opening the store deletes every directory the index does not name, so a crash at any
 * instant leaves either a complete recorded layer or garbage that is swept.
 */
public final class OverlaySnapshotter implements Snapshotter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final Path indexFile;
    private final Object lock = new Object();
    /** chain ID → record; guarded by lock, replaced (never mutated) so readers see a consistent map. */
    private volatile Map<Digest, Entry> index;
    private int nextNumber;

    private record Entry(Digest chainId, Optional<Digest> parent, Digest diffId, int number, long size) {}

    public OverlaySnapshotter(Path dataRoot) {
        this.dir = dataRoot.resolve("snapshots");
        this.indexFile = dir.resolve("index.json");
        try {
            Files.createDirectories(dir);
            this.index = readIndex();
            this.nextNumber = index.values().stream().mapToInt(Entry::number).max().orElse(0) + 1;
            sweep();
        } catch (IOException e) {
            throw BerthException.internal("cannot open snapshot store " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Snapshot> stat(Digest chainId) {
        return Optional.ofNullable(index.get(chainId)).map(this::toSnapshot);
    }

    @Override
    public Prepared prepare(Optional<Digest> expectedDiffId, LayerFiller filler) {
        Path tmp = dir.resolve("tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createDirectory(tmp);
            Path fs = Files.createDirectory(tmp.resolve("fs"));
            UnpackResult r = filler.fill(fs);
            if (expectedDiffId.isPresent() && !expectedDiffId.get().equals(r.diffId())) {
                throw BerthException.invalid("layer content has diff ID " + r.diffId() + " but the image config says "
                        + expectedDiffId.get());
            }
            return new PreparedDir(tmp, r.diffId(), r.size());
        } catch (IOException e) {
            cleanup(tmp);
            throw BerthException.internal("cannot create snapshot in " + tmp + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cleanup(tmp);
            throw e;
        }
    }

    @Override
    public Snapshot commit(Optional<Digest> parent, Prepared prepared) {
        if (!(prepared instanceof PreparedDir p) || p.owner() != this) {
            throw BerthException.invalid("layer " + prepared.diffId() + " was not prepared by this snapshot store");
        }
        Digest chainId = parent.map(par -> ChainIds.of(List.of(par, p.diffId())).getLast()).orElse(p.diffId());
        synchronized (lock) {
            synchronized (p) {
                if (p.done) {
                    throw BerthException.invalid("prepared layer " + p.diffId() + " was already committed or discarded");
                }
                Entry existing = index.get(chainId);
                if (existing != null) {
                    p.discard();
                    return toSnapshot(existing);
                }
                if (parent.isPresent() && !index.containsKey(parent.get())) {
                    throw BerthException.notFound("no such snapshot: " + parent.get());
                }
                int n = nextNumber++;
                Path target = dir.resolve(Integer.toString(n));
                try {
                    AtomicFiles.moveAndSync(p.tmp, target);
                    p.done = true;
                    Map<Digest, Entry> next = new LinkedHashMap<>(index);
                    Entry e = new Entry(chainId, parent, p.diffId(), n, p.size());
                    next.put(chainId, e);
                    writeIndex(next);
                    index = next;
                    return toSnapshot(e);
                } catch (IOException e) {
                    // an unrecorded directory <n> is swept at the next start
                    throw BerthException.internal("cannot record snapshot " + chainId + ": " + e.getMessage(), e);
                }
            }
        }
    }

    @Override
    public List<Path> lowerDirs(Digest chainId) {
        Map<Digest, Entry> idx = index;
        List<Path> out = new ArrayList<>();
        Entry e = idx.get(chainId);
        if (e == null) {
            throw BerthException.notFound("no such snapshot: " + chainId);
        }
        while (e != null) {
            out.add(fsOf(e.number()));
            Entry child = e;
            e = e.parent().map(idx::get).orElse(null);
            if (e == null && child.parent().isPresent()) {
                throw BerthException.internal("snapshot " + child.chainId() + " lost its parent " + child.parent().get(), null);
            }
        }
        return out;
    }

    @Override
    public List<Snapshot> list() {
        return index.values().stream().map(this::toSnapshot).toList();
    }

    @Override
    public void remove(Digest chainId) {
        synchronized (lock) {
            Entry e = index.get(chainId);
            if (e == null) {
                return;
            }
            for (Entry other : index.values()) {
                if (other.parent().equals(Optional.of(chainId))) {
                    throw new BerthException(ErrorKind.FAILED_PRECONDITION,
                            "snapshot " + chainId + " is the parent of " + other.chainId() + "; remove that first");
                }
            }
            Map<Digest, Entry> next = new LinkedHashMap<>(index);
            next.remove(chainId);
            try {
                writeIndex(next);
                index = next;
                Path gone = dir.resolve("del-" + e.number());
                Files.move(dir.resolve(Integer.toString(e.number())), gone);
                FileTrees.deleteRecursively(gone);
            } catch (IOException ex) {
                throw BerthException.internal("cannot remove snapshot " + chainId + ": " + ex.getMessage(), ex);
            }
        }
    }

    private Snapshot toSnapshot(Entry e) {
        return new Snapshot(e.chainId(), e.parent(), e.diffId(), fsOf(e.number()), e.size());
    }

    private Path fsOf(int n) {
        return dir.resolve(Integer.toString(n)).resolve("fs");
    }

    private Map<Digest, Entry> readIndex() throws IOException {
        Map<Digest, Entry> out = new LinkedHashMap<>();
        if (!Files.exists(indexFile)) {
            return out;
        }
        JsonNode root = JSON.readTree(Files.readAllBytes(indexFile));
        for (JsonNode n : root.path("snapshots")) {
            Digest chain = Digest.parse(n.path("chainId").asText());
            Optional<Digest> parent = n.hasNonNull("parent") ? Optional.of(Digest.parse(n.get("parent").asText())) : Optional.empty();
            out.put(chain, new Entry(chain, parent, Digest.parse(n.path("diffId").asText()), n.path("number").asInt(),
                    n.path("size").asLong()));
        }
        return out;
    }

    private void writeIndex(Map<Digest, Entry> idx) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode arr = root.putArray("snapshots");
        for (Entry e : idx.values()) {
            ObjectNode n = arr.addObject();
            n.put("chainId", e.chainId().toString());
            e.parent().ifPresent(p -> n.put("parent", p.toString()));
            n.put("diffId", e.diffId().toString());
            n.put("number", e.number());
            n.put("size", e.size());
        }
        AtomicFiles.write(indexFile, JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
    }

    /** Deletes directories the index does not name: half-made layers and half-deleted ones. */
    private void sweep() throws IOException {
        List<String> known = index.values().stream().map(e -> Integer.toString(e.number())).toList();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !known.contains(name)) {
                    FileTrees.deleteRecursively(p);
                }
            }
        }
    }

    /** A filled {@code tmp-*} directory; {@code done} once moved into place or deleted. Guarded by itself. */
    private final class PreparedDir implements Prepared {
        final Path tmp;
        private final Digest diffId;
        private final long size;
        boolean done;

        PreparedDir(Path tmp, Digest diffId, long size) {
            this.tmp = tmp;
            this.diffId = diffId;
            this.size = size;
        }

        OverlaySnapshotter owner() {
            return OverlaySnapshotter.this;
        }

        @Override
        public Digest diffId() {
            return diffId;
        }

        @Override
        public long size() {
            return size;
        }

        synchronized void discard() {
            done = true;
            cleanup(tmp);
        }

        @Override
        public synchronized void close() {
            if (!done) {
                discard();
            }
        }
    }

    private static void cleanup(Path tmp) {
        try {
            if (Files.exists(tmp, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                FileTrees.deleteRecursively(tmp);
            }
        } catch (IOException ignored) {
            // swept at the next start
        }
    }

}

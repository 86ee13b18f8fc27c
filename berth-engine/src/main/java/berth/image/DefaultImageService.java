package berth.image;

import berth.archive.Compression;
import berth.archive.LayerUnpacker;
import berth.content.ContentInfo;
import berth.content.ContentWriter;
import berth.content.Digest;
import berth.content.LocalContentStore;
import berth.errors.BerthException;
import berth.snapshot.ChainIds;
import berth.snapshot.OverlaySnapshotter;
import berth.snapshot.Snapshot;
import berth.snapshot.Snapshotter;
import berth.store.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The image store on the local disk.
 *
 * <h2>On disk (under the data root)</h2>
 * <ul>
 *   <li>{@code content/blobs/sha256/} — each image's config (its ID is the digest of these exact
 *       bytes) and each layer's uncompressed tar, by DiffID, so {@code save} reproduces them exactly;</li>
 *   <li>{@code snapshots/} — the unpacked layers ({@link OverlaySnapshotter});</li>
 *   <li>{@code images/<hex>.json} — one per image, its presence is the image's existence;</li>
 *   <li>{@code images/repositories.json} — references to image IDs.</li>
 * </ul>
 * Writes go blobs → snapshots → image file → references, so a crash leaves at worst unreferenced
 * blobs and snapshots, which the next start sweeps.
 *
 * <h2>Concurrency</h2> Everything is read once at start and kept in an immutable {@link State};
 * readers ({@code list}, {@code inspect}) never lock. Writers hold one lock, write disk, then publish a
 * new state. {@code load} reads and hashes its archive before taking the lock; a pull
 * ({@link ImageIngest}) unpacks its layers in parallel without it, into unrecorded snapshot directories
 * and staged blobs, and takes it only to record them ({@link #commitPulled}).
 *
 * <h2>Prune label filters</h2> {@code key} or {@code key=value} must match; {@code !key} or
 * {@code !key=value} (Docker's {@code label!}) must not.
 */
public final class DefaultImageService implements ImageService, ImageIngest {
    private static final Pattern HEX_PREFIX = Pattern.compile("[0-9a-f]{1,64}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private final Path imagesDir;
    private final LocalContentStore content;
    private final Snapshotter snapshots;
    private final ReferenceStore refStore;
    private final LayerUnpacker unpacker = new LayerUnpacker();
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile State state;

    /** What the engine keeps per image. */
    private record Entry(Digest id, byte[] config, ImageConfigJson.Parsed parsed, List<Digest> chain, long size,
                         Optional<Digest> parent) {}

    /** Everything readers need, replaced as a whole on each change. */
    private record State(Map<Digest, Entry> images, Map<String, Digest> refs, Map<Digest, Image> views,
                         Set<Digest> parents) {
        /** Whether another image was made on this one (Docker's "dependent child images"). */
        boolean hasChildren(Digest id) {
            return parents.contains(id);
        }

        static State of(Map<Digest, Entry> images, Map<String, Digest> refs) {
            Map<Digest, List<ImageReference>> byImage = new HashMap<>();
            refs.forEach((r, id) -> byImage.computeIfAbsent(id, k -> new ArrayList<>()).add(ImageReference.parse(r)));
            Map<Digest, Image> views = new HashMap<>();
            for (Entry e : images.values()) {
                List<ImageReference> rs = byImage.getOrDefault(e.id(), List.of());
                List<String> tags = rs.stream().filter(r -> r.tag().isPresent()).map(ImageReference::familiarString).sorted().toList();
                List<String> digests = rs.stream().filter(r -> r.digest().isPresent() && r.tag().isEmpty())
                        .map(ImageReference::familiarString).sorted().toList();
                ImageConfigJson.Parsed p = e.parsed();
                views.put(e.id(), new Image(e.id(), tags, digests, e.parent().map(Digest::toString).orElse(""), p.comment(), p.created(), p.author(),
                        p.architecture(), p.os(), p.config(), p.diffIds(), p.history(), e.size(), p.variant()));
            }
            Set<Digest> parents = new HashSet<>();
            images.values().forEach(e -> e.parent().filter(images::containsKey).ifPresent(parents::add));
            return new State(Map.copyOf(images), Map.copyOf(refs), Map.copyOf(views), Set.copyOf(parents));
        }
    }

    /** Opens (or creates) the image store under {@code dataRoot}, e.g. {@code /var/lib/berth}. */
    public DefaultImageService(Path dataRoot) {
        this.imagesDir = dataRoot.resolve("images");
        this.content = new LocalContentStore(dataRoot);
        this.snapshots = new OverlaySnapshotter(dataRoot);
        this.refStore = new ReferenceStore(imagesDir);
        try {
            Files.createDirectories(imagesDir);
        } catch (IOException e) {
            throw BerthException.internal("cannot create " + imagesDir + ": " + e.getMessage(), e);
        }
        Map<Digest, Entry> images = readImages();
        Map<String, Digest> refs = new TreeMap<>(refStore.read());
        refs.values().removeIf(id -> !images.containsKey(id));
        this.state = State.of(images, refs);
        sweepSnapshots();
    }

    // ---- reading ----

    @Override
    public List<Image> list(ImageFilter filter) {
        State s = state;
        Instant now = Instant.now();
        List<Instant> before = filter.before().stream().map(r -> view(s, resolve(s, r)).created()).toList();
        List<Instant> since = filter.since().stream().map(r -> view(s, resolve(s, r)).created()).toList();
        List<Image> out = new ArrayList<>();
        for (Image img : s.views().values()) {
            List<String> tags = img.repoTags();
            if (!filter.references().isEmpty()) {
                tags = tags.stream().filter(t -> filter.references().stream().anyMatch(p -> referenceMatches(p, t))).toList();
                if (tags.isEmpty()) {
                    continue;
                }
            }
            boolean dangling = img.repoTags().isEmpty() && img.repoDigests().isEmpty();
            if (dangling && !filter.all() && s.hasChildren(img.id())) {
                continue; // an intermediate image (a build step's): only `images -a` shows it, as Docker does
            }
            if (filter.dangling().isPresent() && filter.dangling().get() != dangling) {
                continue;
            }
            if (!ImageService.labelsMatch(filter.labels(), img.config().labels())) {
                continue;
            }
            if (before.stream().anyMatch(b -> !img.created().isBefore(b)) || since.stream().anyMatch(t -> !img.created().isAfter(t))) {
                continue;
            }
            out.add(tags == img.repoTags() ? img : new Image(img.id(), tags, img.repoDigests(), img.parent(), img.comment(),
                    img.created(), img.author(), img.architecture(), img.os(), img.config(), img.diffIds(), img.history(), img.size(),
                    img.variant()));
        }
        out.sort(Comparator.comparing(Image::created).reversed().thenComparing(i -> i.id().hex()));
        return out;
    }

    /** Docker's FamiliarMatch: the pattern against {@code name:tag}, then against the name alone. */
    private static boolean referenceMatches(String pattern, String familiarTag) {
        if (ImageFilters.globMatches(pattern, familiarTag)) {
            return true;
        }
        int colon = familiarTag.lastIndexOf(':');
        return colon > familiarTag.lastIndexOf('/') && ImageFilters.globMatches(pattern, familiarTag.substring(0, colon));
    }

    @Override
    public Image inspect(String reference) {
        State s = state;
        return view(s, resolve(s, reference));
    }

    @Override
    public List<Path> layerPaths(Digest imageId) {
        Entry e = state.images().get(imageId);
        if (e == null) {
            throw BerthException.notFound("No such image: " + imageId);
        }
        return e.chain().isEmpty() ? List.of() : snapshots.lowerDirs(e.chain().getLast());
    }

    @Override
    public List<LayerSize> layerSizes(Digest imageId) {
        Entry e = state.images().get(imageId);
        if (e == null) {
            throw BerthException.notFound("No such image: " + imageId);
        }
        return e.chain().stream().map(c -> new LayerSize(c, snapshots.stat(c).map(Snapshot::size).orElse(0L))).toList();
    }

    private static Image view(State s, Entry e) {
        return s.views().get(e.id());
    }

    /**
     * Docker's lookup order: a full ID; a name (default tag latest) in the reference store; a unique ID
     * prefix (with or without {@code sha256:}). An ambiguous prefix is not found.
     */
    private static Entry resolve(State s, String reference) {
        if (reference == null || reference.isEmpty()) {
            throw BerthException.invalid("invalid reference format: empty image reference");
        }
        String hex = reference.startsWith("sha256:") ? reference.substring("sha256:".length()) : reference;
        if (HEX64.matcher(hex).matches()) {
            Entry e = s.images().get(new Digest("sha256", hex));
            if (e == null) {
                throw BerthException.notFound("No such image: " + reference);
            }
            return e;
        }
        Optional<ImageReference> named = Optional.empty();
        try {
            named = Optional.of(ImageReference.parse(reference).withDefaultTag());
        } catch (BerthException invalidName) {
            if (!HEX_PREFIX.matcher(hex).matches()) {
                throw invalidName;
            }
        }
        if (named.isPresent()) {
            Digest id = s.refs().get(named.get().toString());
            if (id != null && s.images().containsKey(id)) {
                return s.images().get(id);
            }
        }
        if (HEX_PREFIX.matcher(hex).matches()) {
            Entry found = null;
            for (Entry e : s.images().values()) {
                if (e.id().hex().startsWith(hex)) {
                    if (found != null) {
                        throw BerthException.notFound("No such image: " + reference + " (the ID prefix is ambiguous)");
                    }
                    found = e;
                }
            }
            if (found != null) {
                return found;
            }
        }
        throw BerthException.notFound("No such image: " + reference);
    }

    // ---- tags ----

    @Override
    public void tag(String reference, String repository, String tag) {
        ImageReference ref = ImageReference.parse(repository);
        if (ref.digest().isPresent()) {
            throw BerthException.invalid("refusing to create a tag with a digest reference");
        }
        ref = tag == null || tag.isEmpty() ? ref.withDefaultTag() : ref.nameOnly().withTag(tag);
        writeLock.lock();
        try {
            State s = state;
            Entry e = resolve(s, reference);
            Map<String, Digest> refs = new TreeMap<>(s.refs());
            refs.put(ref.toString(), e.id());
            refStore.write(refs);
            state = State.of(s.images(), refs);
        } finally {
            writeLock.unlock();
        }
    }

    // ---- removal ----

    @Override
    public List<ImageDeleteResult> remove(String reference, boolean force, boolean noPrune, ImageUsage usedBy) {
        writeLock.lock();
        try {
            State s = state;
            Entry e = resolve(s, reference);
            Digest id = e.id();
            List<String> refs = refsOf(s, id);
            List<ImageUsage.User> users = usedBy.usersOf(id);
            List<ImageDeleteResult> records = new ArrayList<>();
            String shortId = id.shortHex();
            boolean byId = isIdPrefix(id, reference);
            if (!byId) {
                ImageReference named = ImageReference.parse(reference).withDefaultTag();
                if (!force && isSingleReference(refs) && !users.isEmpty()) {
                    throw BerthException.conflict("conflict: unable to remove repository reference \"" + reference
                            + "\" (must force) - container " + shortCid(users.getFirst()) + " is using its referenced image " + shortId);
                }
                Map<String, Digest> next = new TreeMap<>(s.refs());
                next.remove(named.toString());
                records.add(new ImageDeleteResult.Untagged(named.familiarString()));
                if (named.digest().isEmpty() && refs.stream().map(ImageReference::parse)
                        .noneMatch(r -> r.digest().isEmpty() && !r.equals(named) && r.name().equals(named.name()))) {
                    // Docker's rule: the repository's last tag takes its digest references with it
                    for (String r : refs) {
                        ImageReference other = ImageReference.parse(r);
                        if (other.digest().isPresent() && other.name().equals(named.name())) {
                            next.remove(r);
                            records.add(new ImageDeleteResult.Untagged(other.familiarString()));
                        }
                    }
                }
                refStore.write(next);
                state = State.of(s.images(), next);
                if (!refsOf(state, id).isEmpty() || !users.isEmpty() || state.hasChildren(id)) {
                    return records; // other names remain, containers or child images keep the now untagged image
                }
                delete(id, records);
                pruneParents(e.parent(), noPrune, usedBy, records);
                return records;
            }
            Optional<ImageUsage.User> running = users.stream().filter(ImageUsage.User::running).findFirst();
            if (running.isPresent()) {
                throw BerthException.conflict("conflict: unable to delete " + shortId
                        + " (cannot be forced) - image is being used by running container " + shortCid(running.get()));
            }
            if (!force && refs.size() > 1 && !isSingleReference(refs)) {
                throw BerthException.conflict("conflict: unable to delete " + shortId
                        + " (must be forced) - image is referenced in multiple repositories");
            }
            if (!force && !users.isEmpty()) {
                throw BerthException.conflict("conflict: unable to delete " + shortId
                        + " (must be forced) - image is being used by stopped container " + shortCid(users.getFirst()));
            }
            if (!users.isEmpty()) {
                untagAll(id, records); // forced with stopped users: names go, the image stays for them
                return records;
            }
            if (s.hasChildren(id)) {
                if (refs.isEmpty() || !force) {
                    throw BerthException.conflict("conflict: unable to delete " + shortId
                            + " (cannot be forced) - image has dependent child images");
                }
                untagAll(id, records); // forced: Docker untags it and keeps it for its children
                return records;
            }
            delete(id, records);
            pruneParents(e.parent(), noPrune, usedBy, records);
            return records;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Docker's isSingleReference: the names are one tag at most, plus digest references of that same
     * repository only (a pulled image's {@code busybox:latest} and {@code busybox@sha256:…}). Empty is not single.
     */
    private static boolean isSingleReference(List<String> refs) {
        if (refs.size() <= 1) {
            return refs.size() == 1;
        }
        List<ImageReference> parsed = refs.stream().map(ImageReference::parse).toList();
        List<ImageReference> tags = parsed.stream().filter(r -> r.digest().isEmpty()).toList();
        Set<String> digestRepos = new HashSet<>();
        parsed.stream().filter(r -> r.digest().isPresent()).forEach(r -> digestRepos.add(r.name()));
        if (tags.size() > 1) {
            return false;
        }
        String single = (tags.isEmpty() ? parsed.getFirst() : tags.getFirst()).name();
        return digestRepos.size() == 1 && digestRepos.contains(single);
    }

    private static String shortCid(ImageUsage.User u) {
        return u.containerId().length() > 12 ? u.containerId().substring(0, 12) : u.containerId();
    }

    private static boolean isIdPrefix(Digest id, String reference) {
        String hex = reference.startsWith("sha256:") ? reference.substring("sha256:".length()) : reference;
        return HEX_PREFIX.matcher(hex).matches() && id.hex().startsWith(hex);
    }

    private static List<String> refsOf(State s, Digest id) {
        return s.refs().entrySet().stream().filter(r -> r.getValue().equals(id)).map(Map.Entry::getKey).toList();
    }

    private void untagAll(Digest id, List<ImageDeleteResult> records) {
        State s = state;
        Map<String, Digest> next = new TreeMap<>(s.refs());
        for (String r : refsOf(s, id)) {
            next.remove(r);
            records.add(new ImageDeleteResult.Untagged(ImageReference.parse(r).familiarString()));
        }
        refStore.write(next);
        state = State.of(s.images(), next);
    }

    /** Removes every name of the image, the image, and the layers and blobs no other image uses. Lock held. */
    /**
     * Docker's rmi without {@code --no-prune}: the removed image's parent goes too when nothing else keeps
     * it (no name, no other child, no container), and so on down (a build's intermediate images).
     */
    private long pruneParents(Optional<Digest> parent, boolean noPrune, ImageUsage usedBy, List<ImageDeleteResult> records) {
        long reclaimed = 0;
        while (!noPrune && parent.isPresent()) {
            State s = state;
            Entry p = s.images().get(parent.get());
            if (p == null || !refsOf(s, p.id()).isEmpty() || s.hasChildren(p.id()) || !usedBy.usersOf(p.id()).isEmpty()) {
                break;
            }
            reclaimed += delete(p.id(), records);
            parent = p.parent();
        }
        return reclaimed;
    }

    private long delete(Digest id, List<ImageDeleteResult> records) {
        untagAll(id, records);
        State s = state;
        Entry gone = s.images().get(id);
        try {
            Files.deleteIfExists(imageFile(id));
            AtomicFiles.syncDirectory(imagesDir);
        } catch (IOException e) {
            throw BerthException.internal("cannot delete image " + id + ": " + e.getMessage(), e);
        }
        Map<Digest, Entry> images = new HashMap<>(s.images());
        images.remove(id);
        state = State.of(images, s.refs());
        records.add(new ImageDeleteResult.Deleted(id.toString()));
        Set<Digest> usedChains = new HashSet<>();
        Set<Digest> usedDiffs = new HashSet<>();
        for (Entry e : images.values()) {
            usedChains.addAll(e.chain());
            usedDiffs.addAll(e.parsed().diffIds());
        }
        long reclaimed = 0;
        for (Digest chain : gone.chain().reversed()) {
            if (usedChains.contains(chain)) {
                break; // everything beneath a shared layer is shared too
            }
            Optional<Snapshot> snap = snapshots.stat(chain);
            snapshots.remove(chain);
            reclaimed += snap.map(Snapshot::size).orElse(0L);
            records.add(new ImageDeleteResult.Deleted(chain.toString()));
        }
        content.delete(id);
        for (Digest diff : gone.parsed().diffIds()) {
            if (!usedDiffs.contains(diff)) {
                content.delete(diff);
            }
        }
        return reclaimed;
    }

    @Override
    public ImagePruneReport prune(boolean all, List<String> labelFilters, List<String> untilFilters, ImageUsage usedBy) {
        Instant now = Instant.now();
        List<Instant> until = untilFilters.stream().map(u -> ImageFilters.timestamp(u, now)).toList();
        writeLock.lock();
        try {
            List<ImageDeleteResult> records = new ArrayList<>();
            long reclaimed = 0;
            int before;
            do { // with all, an image whose only child was just pruned is a head now: go round again
                before = records.size();
                reclaimed += pruneHeads(all, labelFilters, until, usedBy, records);
            } while (all && records.size() > before);
            return new ImagePruneReport(records, reclaimed);
        } finally {
            writeLock.unlock();
        }
    }

    /** One pass of prune over the images nothing was made on, with their parents nothing else keeps. */
    private long pruneHeads(boolean all, List<String> labelFilters, List<Instant> until, ImageUsage usedBy,
                            List<ImageDeleteResult> records) {
        long reclaimed = 0;
        for (Image img : state.views().values()) {
            State s = state;
            if (!s.images().containsKey(img.id())) {
                continue; // gone with a child pruned before it
            }
            boolean dangling = img.repoTags().isEmpty() && img.repoDigests().isEmpty();
            if ((!all && !dangling) || !pruneLabelsMatch(labelFilters, img.config().labels())
                    || until.stream().anyMatch(u -> !img.created().isBefore(u)) || !usedBy.usersOf(img.id()).isEmpty()) {
                continue;
            }
            if (s.hasChildren(img.id())) {
                if (!dangling) {
                    untagAll(img.id(), records); // dockerd's prune -a: its names go, the image stays for its children
                }
                continue; // an intermediate image: only heads are deleted
            }
            reclaimed += delete(img.id(), records);
            reclaimed += pruneParents(Optional.of(img.parent()).filter(p -> !p.isEmpty()).map(Digest::parse),
                    false, usedBy, records);
        }
        return reclaimed;
    }

    private static boolean pruneLabelsMatch(List<String> selectors, Map<String, String> labels) {
        for (String sel : selectors) {
            boolean negate = sel.startsWith("!");
            boolean match = ImageService.labelsMatch(List.of(negate ? sel.substring(1) : sel), labels);
            if (match == negate) {
                return false;
            }
        }
        return true;
    }

    // ---- import, load, save ----

    @Override
    public Image importTarball(InputStream tarball, Optional<String> reference, List<String> changes, String message,
                               Progress.Listener progress) {
        Optional<ImageReference> ref = reference.filter(r -> !r.isBlank()).map(r -> ImageReference.parse(r).withDefaultTag());
        if (ref.isPresent() && ref.get().digest().isPresent()) {
            throw BerthException.invalid("refusing to create a tag with a digest reference");
        }
        ImageConfig config = ImageChanges.apply(ImageConfig.empty(), changes);
        String comment = message == null || message.isEmpty() ? "Imported from -" : message;
        writeLock.lock();
        Rollback undo = new Rollback();
        try (ContentWriter layerBlob = content.writer()) {
            Set<Digest> before = chainSet();
            Snapshot snap = snapshots.commit(Optional.empty(), Optional.empty(),
                    dir -> unpacker.unpack(tarball, dir, Optional.of(layerBlob.stream())));
            if (!before.contains(snap.chainId())) {
                undo.snapshots.add(snap.chainId());
            }
            if (content.info(snap.diffId()).isEmpty()) {
                layerBlob.commit(Optional.of(snap.diffId()));
                undo.blobs.add(snap.diffId());
            }
            byte[] cfg = ImageConfigJson.forImport(config, snap.diffId(), Instant.now().truncatedTo(ChronoUnit.MICROS), comment);
            ArchivePlan.Item item = new ArchivePlan.Item(cfg, Digest.sha256(cfg), ImageConfigJson.parse(cfg), List.of(),
                    ref.map(List::of).orElse(List.of()));
            commitImages(List.of(item), undo, progress);
            progress.on(new Progress.Status(item.id().toString()));
            return state.views().get(item.id());
        } catch (RuntimeException e) {
            undo.run();
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public List<String> load(InputStream tarball, Progress.Listener progress) {
        try (StagedArchive staged = StagedArchive.read(Compression.decompress(tarball), content)) {
            List<ArchivePlan.Item> plan = ArchivePlan.of(staged);
            writeLock.lock();
            Rollback undo = new Rollback();
            try {
                for (ArchivePlan.Item item : plan) {
                    unpackLayers(item, undo, progress);
                }
                List<String> lines = commitImages(plan, undo, progress);
                lines.forEach(l -> progress.on(new Progress.Status(l)));
                return lines;
            } catch (RuntimeException e) {
                undo.run();
                throw e;
            } finally {
                writeLock.unlock();
            }
        } catch (IOException e) {
            throw BerthException.invalid("invalid tar: " + e.getMessage(), e);
        }
    }

    /** Unpacks the item's layers that are not there yet and stores their tars by DiffID. Lock held. */
    private void unpackLayers(ArchivePlan.Item item, Rollback undo, Progress.Listener progress) {
        List<Digest> diffIds = item.parsed().diffIds();
        List<Digest> chain = ChainIds.of(diffIds);
        for (int i = 0; i < diffIds.size(); i++) {
            Digest diff = diffIds.get(i);
            StagedArchive.Staged layer = item.layers().get(i);
            boolean plain = layer.info().digest().equals(diff);
            boolean haveBlob = content.info(diff).isPresent();
            if (snapshots.stat(chain.get(i)).isEmpty()) {
                long total = layer.info().size();
                progress.on(new Progress.Item(diff.shortHex(), "Loading layer", 0, total));
                Optional<Digest> parent = i == 0 ? Optional.empty() : Optional.of(chain.get(i - 1));
                try (ContentWriter copy = plain || haveBlob ? null : content.writer();
                     InputStream in = layer.open()) {
                    Optional<OutputStream> tee = copy == null ? Optional.empty() : Optional.of(copy.stream());
                    snapshots.commit(parent, Optional.of(diff), dir -> unpacker.unpack(in, dir, tee));
                    undo.snapshots.add(chain.get(i));
                    if (copy != null) {
                        copy.commit(Optional.of(diff));
                        undo.blobs.add(diff);
                        haveBlob = true;
                    }
                } catch (IOException e) {
                    throw BerthException.internal("cannot read staged layer: " + e.getMessage(), e);
                }
                progress.on(new Progress.Item(diff.shortHex(), "Loading layer", total, total));
            }
            if (!haveBlob) {
                storeLayerBlob(layer, diff, plain);
                undo.blobs.add(diff);
            }
        }
    }

    private void storeLayerBlob(StagedArchive.Staged layer, Digest diff, boolean plain) {
        if (plain && layer instanceof StagedArchive.OnDisk d) {
            d.writer().commit(Optional.of(diff));
            return;
        }
        try (InputStream in = plain ? layer.open() : Compression.decompress(layer.open())) {
            content.ingest(in, Optional.of(diff));
        } catch (IOException e) {
            throw BerthException.invalid("invalid tar: cannot decompress layer " + diff + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores configs, image files and tags for items whose layers are all in place, then publishes the
     * new state. Returns Docker's "Loaded image" lines. Lock held.
     */
    private List<String> commitImages(List<ArchivePlan.Item> items, Rollback undo, Progress.Listener progress) {
        State s = state;
        Map<Digest, Entry> images = new HashMap<>(s.images());
        Map<String, Digest> refs = new TreeMap<>(s.refs());
        List<String> lines = new ArrayList<>();
        for (ArchivePlan.Item item : items) {
            List<Digest> chain = ChainIds.of(item.parsed().diffIds());
            for (Digest c : chain) {
                if (snapshots.stat(c).isEmpty()) {
                    throw BerthException.internal("layer " + c + " of image " + item.id() + " is not unpacked", null);
                }
            }
            if (!images.containsKey(item.id())) {
                images.put(item.id(), storeImage(item.id(), item.config(), item.parsed(), undo));
            }
            for (ImageReference tag : item.tags()) {
                Digest old = refs.put(tag.toString(), item.id());
                if (old != null && !old.equals(item.id())) {
                    progress.on(new Progress.Status("The image " + tag.familiarString() + " already exists, renaming the old one with ID "
                            + old + " to empty string"));
                }
                lines.add("Loaded image: " + tag.familiarString());
            }
            if (item.tags().isEmpty()) {
                lines.add("Loaded image ID: " + item.id());
            }
        }
        if (!refs.equals(s.refs())) {
            refStore.write(refs);
        }
        state = State.of(images, refs);
        return lines;
    }

    /** Stores the config blob and the image file of an image whose layers are all in place. Lock held. */
    private Entry storeImage(Digest id, byte[] config, ImageConfigJson.Parsed parsed, Rollback undo) {
        return storeImage(id, config, parsed, Optional.empty(), undo);
    }

    private Entry storeImage(Digest id, byte[] config, ImageConfigJson.Parsed parsed, Optional<Digest> parent, Rollback undo) {
        List<Digest> chain = ChainIds.of(parsed.diffIds());
        if (content.info(id).isEmpty()) {
            content.ingest(new ByteArrayInputStream(config), Optional.of(id));
            undo.blobs.add(id);
        }
        long size = chain.stream().mapToLong(c -> snapshots.stat(c).map(Snapshot::size).orElse(0L)).sum();
        writeImageFile(id, size, parent);
        undo.imageFiles.add(id);
        return new Entry(id, config, parsed, chain, size, parent);
    }

    @Override
    public void save(List<String> references, OutputStream out) {
        State s = state;
        Map<Digest, List<ImageReference>> tagsById = new LinkedHashMap<>();
        for (String r : references) {
            Optional<ImageReference> nameOnly = nameOnly(r);
            if (nameOnly.isPresent()) {
                // "docker save busybox" saves every tag of the repository
                List<ImageReference> tagged = s.refs().keySet().stream().map(ImageReference::parse)
                        .filter(x -> x.nameOnly().equals(nameOnly.get()) && x.tag().isPresent()).toList();
                if (!tagged.isEmpty()) {
                    tagged.forEach(t -> addTag(tagsById, s.refs().get(t.toString()), Optional.of(t)));
                    continue;
                }
            }
            Entry e = resolve(s, r);
            Optional<ImageReference> asTag = Optional.empty();
            if (!isIdPrefix(e.id(), r)) {
                ImageReference named = ImageReference.parse(r).withDefaultTag();
                asTag = named.tag().isPresent() && named.digest().isEmpty() ? Optional.of(named) : Optional.empty();
            }
            addTag(tagsById, e.id(), asTag);
        }
        List<ArchiveWriter.Item> items = new ArrayList<>();
        tagsById.forEach((id, tags) -> {
            Entry e = s.images().get(id);
            items.add(new ArchiveWriter.Item(id, e.config(), e.parsed().diffIds(), tags));
        });
        try {
            ArchiveWriter.write(items, content, out);
        } catch (IOException e) {
            throw BerthException.internal("cannot write image archive: " + e.getMessage(), e);
        }
    }

    private static Optional<ImageReference> nameOnly(String r) {
        try {
            ImageReference ref = ImageReference.parse(r);
            return ref.isNameOnly() ? Optional.of(ref) : Optional.empty();
        } catch (BerthException e) {
            return Optional.empty();
        }
    }

    private static void addTag(Map<Digest, List<ImageReference>> tagsById, Digest id, Optional<ImageReference> tag) {
        List<ImageReference> tags = tagsById.computeIfAbsent(id, k -> new ArrayList<>());
        tag.filter(t -> !tags.contains(t)).ifPresent(tags::add);
    }

    // ---- commit and history ----

    /** The DiffID of a layer with no entries: two zero blocks. Docker records no layer for it. */
    static final Digest EMPTY_LAYER = Digest.parse("sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef");

    /**
     * Writes the layer into a staged blob (hashing it gives the DiffID the config needs), unpacks it
     * from there into an unrecorded snapshot, then records both with the config and the tag under the
     * lock, exactly as a pull does: a crash or failure leaves nothing visible.
     */
    @Override
    public Image commit(ImageCommit c, LayerSource source) {
        List<ImageReference> tags = new ArrayList<>();
        if (c.reference().isPresent()) {
            ImageReference ref = ImageReference.parse(c.reference().get()).withDefaultTag();
            if (ref.digest().isPresent()) {
                throw BerthException.invalid("refusing to create a tag with a digest reference");
            }
            tags.add(ref);
        }
        Optional<byte[]> parentConfig = c.parent().map(this::config);
        ContentWriter blob = content.writer();
        try {
            try {
                source.writeTo(blob.stream());
            } catch (IOException e) {
                throw BerthException.internal("cannot write the layer: " + e.getMessage(), e);
            }
            ContentInfo tar = blob.finish();
            boolean empty = tar.digest().equals(EMPTY_LAYER);
            byte[] config = ImageConfigJson.forChild(parentConfig, c, empty ? Optional.empty() : Optional.of(tar.digest()));
            if (empty) {
                return commitPrepared(config, List.of(), tags, Optional.empty(), c.parent()).image();
            }
            Snapshotter.Prepared dir = snapshots.prepare(Optional.of(tar.digest()), d -> {
                try (InputStream in = blob.reopen()) {
                    return unpacker.unpack(in, d);
                } catch (IOException e) {
                    throw BerthException.internal("cannot read the staged layer: " + e.getMessage(), e);
                }
            });
            return commitPrepared(config, List.of(new PulledLayer(dir, blob, tar.size())), tags, Optional.empty(),
                    c.parent()).image();
        } finally {
            blob.close(); // after a commit of the blob this does nothing
        }
    }

    @Override
    public List<HistoryStep> history(String reference) {
        State s = state;
        Entry img = resolve(s, reference);
        List<HistoryEntry> h = img.parsed().history();
        List<Digest> chain = img.chain();
        List<HistoryStep> steps = new ArrayList<>();
        int layer = 0;
        for (HistoryEntry e : h) {
            long size = 0;
            if (!e.emptyLayer() && layer < chain.size()) {
                size = snapshots.stat(chain.get(layer++)).map(Snapshot::size).orElse(0L);
            }
            steps.addFirst(new HistoryStep("<missing>", e.created().orElse(img.parsed().created()), e.createdBy(),
                    List.of(), size, e.comment()));
        }
        if (steps.isEmpty()) {
            steps.add(new HistoryStep("<missing>", img.parsed().created(), "", List.of(), img.size(), img.parsed().comment()));
        }
        // Docker's rule: the image and then each local parent name one step each, from the top
        Optional<Entry> named = Optional.of(img);
        for (int i = 0; i < steps.size() && named.isPresent(); i++) {
            Entry n = named.get();
            HistoryStep st = steps.get(i);
            steps.set(i, new HistoryStep(n.id().toString(), st.created(), st.createdBy(), s.views().get(n.id()).repoTags(),
                    st.size(), st.comment()));
            named = n.parent().map(s.images()::get);
        }
        return steps;
    }

    // ---- pull and push (ImageIngest) ----

    @Override
    public boolean hasLayer(Digest chainId) {
        return snapshots.stat(chainId).map(s -> content.info(s.diffId()).isPresent()).orElse(false);
    }

    @Override
    public PreparedLayer prepareLayer(Digest expectedDiffId, InputStream uncompressedTar) {
        ContentWriter blob = content.writer();
        Snapshotter.Prepared dir = null;
        try {
            dir = snapshots.prepare(Optional.of(expectedDiffId),
                    d -> unpacker.unpack(uncompressedTar, d, Optional.of(blob.stream())));
            ContentInfo tar = blob.finish();
            if (!tar.digest().equals(expectedDiffId)) {
                // the unpacker hashed the same bytes, so this means a bug, not bad input
                throw BerthException.internal("layer " + expectedDiffId + " was stored as " + tar.digest(), null);
            }
            return new PulledLayer(dir, blob, tar.size());
        } catch (RuntimeException e) {
            // finishing the staged tar can fail too (an interrupted pull's fsync): nothing of it may stay
            if (dir != null) {
                dir.close();
            }
            blob.close();
            throw e;
        }
    }

    @Override
    public Committed commitPulled(byte[] config, List<PreparedLayer> layers, List<ImageReference> tags,
                                  Optional<ImageReference> repoDigest) {
        return commitPrepared(config, layers, tags, repoDigest, Optional.empty());
    }

    /** {@link #commitPulled}, recording a parent image for the new one (when it is new). */
    private Committed commitPrepared(byte[] config, List<PreparedLayer> layers, List<ImageReference> tags,
                                     Optional<ImageReference> repoDigest, Optional<Digest> parent) {
        try {
            List<PulledLayer> pulled = claim(layers);
            ImageConfigJson.Parsed parsed = ImageConfigJson.parse(config);
            Digest id = Digest.sha256(config);
            List<ImageReference> names = new ArrayList<>();
            for (ImageReference t : tags) {
                if (t.digest().isPresent()) {
                    throw BerthException.invalid("refusing to create a tag with a digest reference: " + t);
                }
                names.add(t.withDefaultTag());
            }
            repoDigest.ifPresent(r -> names.add(asRepoDigest(r)));
            writeLock.lock();
            Rollback undo = new Rollback();
            try {
                State s = state;
                Map<Digest, Deque<PulledLayer>> byDiff = matchLayers(id, parsed.diffIds(), pulled);
                commitLayers(parsed.diffIds(), byDiff, undo);
                Map<Digest, Entry> images = new HashMap<>(s.images());
                boolean changed = !images.containsKey(id);
                if (changed) {
                    images.put(id, storeImage(id, config.clone(), parsed, parent, undo));
                }
                Map<String, Digest> refs = new TreeMap<>(s.refs());
                for (ImageReference n : names) {
                    changed |= !id.equals(refs.put(n.toString(), id));
                }
                if (!refs.equals(s.refs())) {
                    refStore.write(refs);
                }
                state = State.of(images, refs);
                return new Committed(state.views().get(id), changed);
            } catch (RuntimeException e) {
                undo.run();
                throw e;
            } finally {
                writeLock.unlock();
            }
        } finally {
            layers.forEach(PreparedLayer::close); // consumed either way; a no-op for what was committed
        }
    }

    /** Checks the layers are this store's and each is given once and still open, and takes them for this commit. */
    private List<PulledLayer> claim(List<PreparedLayer> layers) {
        List<PulledLayer> out = new ArrayList<>();
        for (PreparedLayer l : layers) {
            if (!(l instanceof PulledLayer p) || p.owner() != this) {
                throw BerthException.invalid("layer " + l.diffId() + " was not prepared by this image store");
            }
            if (out.stream().anyMatch(o -> o == p)) {
                throw BerthException.invalid("prepared layer " + p.diffId() + " is given twice");
            }
            out.add(p);
        }
        for (PulledLayer p : out) {
            p.claim();
        }
        return out;
    }

    /**
     * Pairs the prepared layers with the config's DiffIDs: INVALID_ARGUMENT, before anything is written,
     * for a prepared layer the config does not name (or more of them than it names) and for a layer that
     * is neither present, prepared, nor stored as a blob to unpack from. Lock held.
     */
    private Map<Digest, Deque<PulledLayer>> matchLayers(Digest id, List<Digest> diffIds, List<PulledLayer> pulled) {
        Map<Digest, Deque<PulledLayer>> byDiff = new HashMap<>();
        for (PulledLayer p : pulled) {
            long named = diffIds.stream().filter(p.diffId()::equals).count();
            Deque<PulledLayer> same = byDiff.computeIfAbsent(p.diffId(), k -> new ArrayDeque<>());
            if (same.size() >= named) {
                throw BerthException.invalid("layer " + p.diffId() + " is not in the rootfs.diff_ids of image config " + id
                        + (named > 0 ? " that many times" : ""));
            }
            same.add(p);
        }
        List<Digest> chain = ChainIds.of(diffIds);
        for (int i = 0; i < diffIds.size(); i++) {
            Digest diff = diffIds.get(i);
            boolean present = snapshots.stat(chain.get(i)).isPresent();
            boolean blob = content.info(diff).isPresent();
            if (!byDiff.containsKey(diff) && !blob) {
                throw BerthException.invalid("layer " + diff + " of image " + id + " is missing: it is neither stored nor"
                        + (present ? " among the pulled layers (its unpacked layer has no tar)" : " among the pulled layers"));
            }
        }
        return byDiff;
    }

    /**
     * Records the image's layers base first: a prepared layer where one was given (committing its tar),
     * else the present snapshot, else one unpacked from the stored tar (a DiffID repeated in the stack,
     * or a layer stored for another image). Lock held.
     */
    private void commitLayers(List<Digest> diffIds, Map<Digest, Deque<PulledLayer>> byDiff, Rollback undo) {
        List<Digest> chain = ChainIds.of(diffIds);
        for (int i = 0; i < diffIds.size(); i++) {
            Digest diff = diffIds.get(i);
            Digest c = chain.get(i);
            Optional<Digest> parent = i == 0 ? Optional.empty() : Optional.of(chain.get(i - 1));
            boolean had = snapshots.stat(c).isPresent();
            PulledLayer p = byDiff.getOrDefault(diff, new ArrayDeque<>()).poll();
            if (p != null) {
                snapshots.commit(parent, p.dir()); // an existing snapshot wins, the prepared copy is discarded
                if (content.info(diff).isEmpty()) {
                    p.blob().commit(Optional.of(diff));
                    undo.blobs.add(diff);
                }
            } else if (!had) {
                try (InputStream in = content.open(diff)) {
                    snapshots.commit(parent, Optional.of(diff), d -> unpacker.unpack(in, d));
                } catch (IOException e) {
                    throw BerthException.internal("cannot read layer " + diff + ": " + e.getMessage(), e);
                }
            }
            if (!had) {
                undo.snapshots.add(c);
            }
        }
    }

    /** {@code repo@sha256:…} as the reference store keeps it: name and digest, no tag. */
    private static ImageReference asRepoDigest(ImageReference r) {
        if (r.digest().isEmpty()) {
            throw BerthException.invalid("repo digest " + r + " has no digest (expected repository@sha256:...)");
        }
        return new ImageReference(r.domain(), r.path(), Optional.empty(), r.digest());
    }

    @Override
    public void addRepoDigest(Digest imageId, ImageReference repoDigest) {
        ImageReference ref = asRepoDigest(repoDigest);
        writeLock.lock();
        try {
            State s = state;
            if (!s.images().containsKey(imageId)) {
                throw BerthException.notFound("No such image: " + imageId);
            }
            if (imageId.equals(s.refs().get(ref.toString()))) {
                return;
            }
            Map<String, Digest> refs = new TreeMap<>(s.refs());
            refs.put(ref.toString(), imageId);
            refStore.write(refs);
            state = State.of(s.images(), refs);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public byte[] config(Digest imageId) {
        Entry e = state.images().get(imageId);
        if (e == null) {
            throw BerthException.notFound("No such image: " + imageId);
        }
        return e.config().clone();
    }

    @Override
    public InputStream openLayer(Digest diffId) {
        if (content.info(diffId).isEmpty()) {
            throw BerthException.notFound("no such layer: " + diffId);
        }
        return content.open(diffId);
    }

    @Override
    public long layerSize(Digest diffId) {
        return content.info(diffId).map(ContentInfo::size).orElseThrow(() -> BerthException.notFound("no such layer: " + diffId));
    }

    /**
     * A pulled layer between {@link #prepareLayer} and {@link #commitPulled}: its unpacked, unrecorded
     * directory and its tar staged in the content store's ingest area.
     */
    private final class PulledLayer implements PreparedLayer {
        private final Snapshotter.Prepared dir;
        private final ContentWriter blob;
        private final long size;
        private boolean claimed;
        private boolean closed;

        PulledLayer(Snapshotter.Prepared dir, ContentWriter blob, long size) {
            this.dir = dir;
            this.blob = blob;
            this.size = size;
        }

        DefaultImageService owner() {
            return DefaultImageService.this;
        }

        Snapshotter.Prepared dir() {
            return dir;
        }

        ContentWriter blob() {
            return blob;
        }

        /** Marks the layer as taken by one commit; a second commit or one after close is refused. */
        synchronized void claim() {
            if (claimed || closed) {
                throw BerthException.invalid("prepared layer " + diffId() + " was already committed or closed");
            }
            claimed = true;
        }

        @Override
        public Digest diffId() {
            return dir.diffId();
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                dir.close();
            } finally {
                blob.close();
            }
        }
    }

    // ---- disk ----

    private Path imageFile(Digest id) {
        return imagesDir.resolve(id.hex() + ".json");
    }

    private void writeImageFile(Digest id, long size, Optional<Digest> parent) {
        ObjectNode n = ImageConfigJson.JSON.createObjectNode();
        n.put("id", id.toString());
        n.put("size", size);
        parent.ifPresent(p -> n.put("parent", p.toString()));
        try {
            AtomicFiles.write(imageFile(id), ImageConfigJson.JSON.writeValueAsBytes(n));
        } catch (IOException e) {
            throw BerthException.internal("cannot write image " + id + ": " + e.getMessage(), e);
        }
    }

    private Map<Digest, Entry> readImages() {
        Map<Digest, Entry> out = new HashMap<>();
        try (Stream<Path> files = Files.list(imagesDir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".json") || !HEX64.matcher(name.substring(0, name.length() - 5)).matches()) {
                    continue;
                }
                Digest id = new Digest("sha256", name.substring(0, 64));
                byte[] config;
                try (InputStream in = content.open(id)) {
                    config = in.readAllBytes();
                } catch (BerthException missing) {
                    continue; // an image file without its config is a half-deleted image
                }
                JsonNode meta = ImageConfigJson.JSON.readTree(Files.readAllBytes(f));
                ImageConfigJson.Parsed parsed = ImageConfigJson.parse(config);
                Optional<Digest> parent = meta.hasNonNull("parent") ? Optional.of(Digest.parse(meta.get("parent").asText()))
                        : Optional.empty();
                out.put(id, new Entry(id, config, parsed, ChainIds.of(parsed.diffIds()), meta.path("size").asLong(), parent));
            }
        } catch (IOException e) {
            throw BerthException.internal("cannot read images from " + imagesDir + ": " + e.getMessage(), e);
        }
        return out;
    }

    private Set<Digest> chainSet() {
        Set<Digest> out = new HashSet<>();
        snapshots.list().forEach(s -> out.add(s.chainId()));
        return out;
    }

    /** Removes snapshots no image uses (left by a crash mid-load or mid-delete), children first. */
    private void sweepSnapshots() {
        Set<Digest> used = new HashSet<>();
        state.images().values().forEach(e -> used.addAll(e.chain()));
        List<Snapshot> orphans = new ArrayList<>(snapshots.list().stream().filter(s -> !used.contains(s.chainId())).toList());
        boolean progress = true;
        while (!orphans.isEmpty() && progress) {
            progress = false;
            for (Snapshot o : List.copyOf(orphans)) {
                boolean hasChild = orphans.stream().anyMatch(c -> c.parent().equals(Optional.of(o.chainId())));
                if (!hasChild) {
                    snapshots.remove(o.chainId());
                    orphans.remove(o);
                    progress = true;
                }
            }
        }
    }

    /** What a failed import or load created, undone in reverse so nothing of it stays. */
    private final class Rollback implements Runnable {
        final List<Digest> snapshots = new ArrayList<>();
        final List<Digest> blobs = new ArrayList<>();
        final List<Digest> imageFiles = new ArrayList<>();

        @Override
        public void run() {
            for (Digest id : imageFiles.reversed()) {
                try {
                    Files.deleteIfExists(imageFile(id));
                } catch (IOException ignored) {
                    // the image file names an image whose layers are gone; it is skipped at start
                }
            }
            for (Digest chain : snapshots.reversed()) {
                try {
                    DefaultImageService.this.snapshots.remove(chain);
                } catch (RuntimeException ignored) {
                    // swept at the next start
                }
            }
            for (Digest blob : blobs) {
                content.delete(blob);
            }
        }
    }
}

package berth.registry.storage;

import berth.content.Digest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes blobs nothing needs, by mark and sweep.
 *
 * <p><b>Mark:</b> every manifest of every repository, and every blob those manifests reference. A blob
 * merely linked into a repository (uploaded but never referenced, or unlinked tags' leftovers) is not
 * marked. <b>Sweep:</b> every stored blob that is not marked is deleted — unless it was uploaded or
 * mounted less than {@link StorageConfig#gcGrace()} ago — and repository links to deleted blobs go too.
 *
 * <p><b>Why a push in progress is safe.</b> A push uploads its blobs first and its manifest last, so
 * between the two its blobs are referenced by nothing. Two rules keep them:
 * <ol>
 *   <li>The grace period: a blob's modification time is stamped when an upload finishes or a mount
 *       links it, and a blob younger than the grace is never swept. A push whose manifest follows its
 *       last blob within the grace therefore always finds its blobs.</li>
 *   <li>The {@link PushLock}: mark and sweep run under its exclusive side, while finishing an upload,
 *       mounting and storing a manifest (check references + write) run under its shared side. A
 *       manifest is thus either stored before the mark (its blobs are marked) or checked after the
 *       sweep (a swept blob makes it fail with MANIFEST_BLOB_UNKNOWN, and the client uploads again).
 *       No manifest is ever stored that references a deleted blob.</li>
 * </ol>
 * Pushes wait while a collection runs; a collection is a walk of metadata files plus deletions, short
 * next to a push.
 */
public final class GarbageCollector {
    private final BlobStore blobs;
    private final BlobLinks links;
    private final Repositories repositories;
    private final PushLock pushLock;
    private final StorageConfig config;
    /** A seam for tests to act between mark and sweep; does nothing otherwise. */
    private volatile Runnable afterMark = () -> {};

    GarbageCollector(BlobStore blobs, BlobLinks links, Repositories repositories, PushLock pushLock, StorageConfig config) {
        this.blobs = blobs;
        this.links = links;
        this.repositories = repositories;
        this.pushLock = pushLock;
        this.config = config;
    }

    public GcReport collect() {
        return pushLock.sweep(() -> {
            List<RepositoryName> repos = repositories.all();
            Set<Digest> marked = mark(repos);
            afterMark.run();
            Instant graceStart = config.clock().instant().minus(config.gcGrace());
            List<Digest> deleted = new ArrayList<>();
            long freed = 0;
            int referenced = 0;
            int spared = 0;
            for (Digest digest : blobs.list()) {
                if (marked.contains(digest)) {
                    referenced++;
                } else if (!blobs.lastPushed(digest).isBefore(graceStart)) {
                    spared++;
                } else {
                    long size = blobs.stat(digest).orElse(0);
                    if (blobs.delete(digest)) {
                        deleted.add(digest);
                        freed += size;
                    }
                }
            }
            Set<Digest> gone = new HashSet<>(deleted);
            for (RepositoryName repo : repos) {
                for (Digest linked : links.list(repo)) {
                    if (gone.contains(linked) || !blobs.exists(linked)) {
                        links.unlink(repo, linked);
                    }
                }
            }
            return new GcReport(deleted, freed, referenced, spared);
        });
    }

    void afterMark(Runnable hook) {
        this.afterMark = hook;
    }

    private Set<Digest> mark(List<RepositoryName> repos) {
        Set<Digest> marked = new HashSet<>();
        for (RepositoryName repo : repos) {
            for (Revision revision : repositories.revisions(repo)) {
                marked.add(revision.digest());
                marked.addAll(revision.references());
            }
        }
        return marked;
    }
}

package berth.registry.storage;

import berth.content.Digest;
import berth.errors.BerthException;
import berth.store.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The registry's repositories: per name, the blobs it may serve ({@link BlobLinks}), its manifests by
 * digest and its tags. A repository comes into being with its first upload, mount or manifest.
 *
 * <p>Manifests are treated as opaque bytes: the caller (the HTTP layer, which parses them) passes the
 * media type and the digests the manifest references. Those must already be in the repository — a
 * linked blob or a stored manifest — or {@link #putManifest} fails with MANIFEST_BLOB_UNKNOWN. The
 * caller leaves a manifest's {@code subject} out of the references: the spec requires accepting a
 * manifest whose subject is not (yet) pushed.
 */
public final class Repositories {
    private final StorageLayout layout;
    private final BlobStore blobs;
    private final BlobLinks links;
    private final PushLock pushLock;
    private final StorageConfig config;

    Repositories(StorageLayout layout, BlobStore blobs, BlobLinks links, PushLock pushLock, StorageConfig config) {
        this.layout = layout;
        this.blobs = blobs;
        this.links = links;
        this.pushLock = pushLock;
        this.config = config;
    }

    public boolean exists(RepositoryName repo) {
        Path dir = layout.repository(repo);
        return Files.isDirectory(dir.resolve("_manifests")) || Files.isDirectory(dir.resolve("_layers"));
    }

    // ---- blobs as a repository sees them

    /** The size of a blob this repository may serve, or empty. */
    public OptionalLong statBlob(RepositoryName repo, Digest digest) {
        return links.isLinked(repo, digest) ? blobs.stat(digest) : OptionalLong.empty();
    }

    /** A blob this repository may serve, whole or the bytes of {@code range}; else BLOB_UNKNOWN. */
    public InputStream openBlob(RepositoryName repo, Digest digest, Optional<ByteRange> range) {
        if (!links.isLinked(repo, digest)) {
            throw blobUnknown(repo, digest);
        }
        return range.isPresent() ? blobs.open(digest, range.get()) : blobs.open(digest);
    }

    /** Takes the blob out of this repository; its data goes at the next collection if nothing else needs it. */
    public void deleteBlob(RepositoryName repo, Digest digest) {
        if (!links.unlink(repo, digest)) {
            throw blobUnknown(repo, digest);
        }
    }

    /**
     * Makes a blob of {@code from} servable by {@code to} without uploading it again (the spec's
     * cross-repository mount). False when {@code from} has no such blob: the client then uploads it.
     */
    public boolean mount(RepositoryName from, RepositoryName to, Digest digest) {
        return pushLock.push(() -> {
            if (!links.isLinked(from, digest) || !blobs.touch(digest, config.clock().instant())) {
                return false;
            }
            links.link(to, digest);
            return true;
        });
    }

    // ---- manifests and tags

    /**
     * Stores a manifest's exact bytes under its digest and, for a tag reference, points the tag at it.
     * Fails with DIGEST_INVALID when {@code ref} is a digest the bytes do not have, MANIFEST_INVALID
     * without a media type, TOO_LARGE over the configured size, and MANIFEST_BLOB_UNKNOWN naming every
     * reference the repository lacks. Returns the manifest's digest.
     */
    public Digest putManifest(RepositoryName repo, Reference ref, byte[] content, String mediaType, List<Digest> references) {
        return putManifest(repo, ref, content, mediaType, references, Optional.empty());
    }

    /**
     * As {@link #putManifest(RepositoryName, Reference, byte[], String, List)}, and records the manifest
     * as a referrer of {@code subject} (its {@code subject} field) for {@link #referrers}. The subject
     * need not be stored.
     */
    public Digest putManifest(RepositoryName repo, Reference ref, byte[] content, String mediaType, List<Digest> references,
            Optional<Digest> subject) {
        if (content.length > config.maxManifestSize()) {
            throw new RegistryException(RegistryError.TOO_LARGE,
                    "manifest of " + content.length + " bytes exceeds the limit of " + config.maxManifestSize() + " bytes");
        }
        if (mediaType == null || mediaType.isBlank() || mediaType.indexOf('\n') >= 0) {
            throw new RegistryException(RegistryError.MANIFEST_INVALID, "manifest invalid: missing or malformed media type: " + mediaType);
        }
        Digest digest = Digest.sha256(content);
        if (ref instanceof Reference.ByDigest(Digest named) && !named.equals(digest)) {
            throw new RegistryException(RegistryError.DIGEST_INVALID,
                    "provided digest did not match uploaded content: expected " + named + ", manifest has " + digest);
        }
        Revision revision = new Revision(digest, mediaType, references);
        return pushLock.push(() -> {
            List<Digest> missing = references.stream().distinct().filter(d -> !contains(repo, d)).toList();
            if (!missing.isEmpty()) {
                throw new RegistryException(RegistryError.MANIFEST_BLOB_UNKNOWN,
                        "manifest references a manifest or blob unknown to registry: " + missing);
            }
            try {
                blobs.write(digest, content, config.clock().instant());
                AtomicFiles.write(layout.revision(repo, digest), revision.encode());
                if (subject.isPresent()) {
                    AtomicFiles.write(layout.referrer(repo, subject.get(), digest), new byte[0]);
                }
                if (ref instanceof Reference.ByTag(Tag tag)) {
                    AtomicFiles.write(layout.tag(repo, tag), digest.toString().getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                throw BerthException.internal("cannot store manifest " + digest + " in " + repo + ": " + e.getMessage(), e);
            }
            return digest;
        });
    }

    /** The manifest a tag or digest names; NAME_UNKNOWN or MANIFEST_UNKNOWN when there is none. */
    public Manifest getManifest(RepositoryName repo, Reference ref) {
        Digest digest = resolve(repo, ref);
        Revision revision = revision(repo, digest).orElseThrow(() -> manifestUnknown(repo, ref));
        try (InputStream in = blobs.open(digest)) {
            return new Manifest(digest, revision.mediaType(), in.readAllBytes(), revision.references());
        } catch (RegistryException e) {
            throw manifestUnknown(repo, ref);
        } catch (IOException e) {
            throw BerthException.internal("cannot read manifest " + digest + ": " + e.getMessage(), e);
        }
    }

    /** The digest a tag points at, or the digest itself when that manifest is stored. */
    public Digest resolve(RepositoryName repo, Reference ref) {
        requireExists(repo);
        Digest digest = switch (ref) {
            case Reference.ByDigest(Digest d) -> d;
            case Reference.ByTag(Tag tag) -> readTag(repo, tag).orElseThrow(() -> manifestUnknown(repo, ref));
        };
        if (!Files.isRegularFile(layout.revision(repo, digest))) {
            throw manifestUnknown(repo, ref);
        }
        return digest;
    }

    /** Removes a manifest and every tag pointing at it; MANIFEST_UNKNOWN when it is not stored. */
    public void deleteManifest(RepositoryName repo, Digest digest) {
        requireExists(repo);
        Path revision = layout.revision(repo, digest);
        if (!Files.isRegularFile(revision)) {
            throw manifestUnknown(repo, Reference.of(digest));
        }
        try {
            // Tags first: a crash in between leaves an untagged manifest, never a tag to nothing.
            boolean untagged = false;
            for (String name : tagNames(repo)) {
                Tag tag = Tag.of(name);
                if (readTag(repo, tag).filter(digest::equals).isPresent()) {
                    untagged |= Files.deleteIfExists(layout.tag(repo, tag));
                }
            }
            if (untagged) {
                AtomicFiles.syncDirectory(layout.tags(repo));
            }
            Files.deleteIfExists(revision);
            AtomicFiles.syncDirectory(revision.getParent());
        } catch (IOException e) {
            throw BerthException.internal("cannot delete manifest " + digest + " from " + repo + ": " + e.getMessage(), e);
        }
    }

    /** Removes a tag, leaving its manifest; MANIFEST_UNKNOWN when there is no such tag. */
    public void deleteTag(RepositoryName repo, Tag tag) {
        requireExists(repo);
        Path file = layout.tag(repo, tag);
        try {
            if (!Files.deleteIfExists(file)) {
                throw manifestUnknown(repo, Reference.of(tag));
            }
            AtomicFiles.syncDirectory(file.getParent());
        } catch (IOException e) {
            throw BerthException.internal("cannot delete tag " + tag + " from " + repo + ": " + e.getMessage(), e);
        }
    }

    /**
     * The stored manifests of {@code repo} whose subject is {@code subject}, in digest order; empty for
     * an unknown repository or subject (the referrers API never answers 404). A deleted referrer's
     * index entry is skipped here and left for nobody to trip over.
     */
    public List<Digest> referrers(RepositoryName repo, Digest subject) {
        Path dir = layout.referrers(repo, subject);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(BlobStore::isHex64)
                    .sorted()
                    .map(hex -> new Digest("sha256", hex))
                    .filter(d -> Files.isRegularFile(layout.revision(repo, d)))
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw BerthException.internal("cannot list referrers of " + subject + " in " + repo + ": " + e.getMessage(), e);
        }
    }

    /**
     * The blob's file, open for reading, when this repository may serve it; else BLOB_UNKNOWN. For
     * zero-copy serving: the caller owns (and closes) the channel.
     */
    public FileChannel openBlobChannel(RepositoryName repo, Digest digest) {
        if (!links.isLinked(repo, digest)) {
            throw blobUnknown(repo, digest);
        }
        return blobs.openChannel(digest);
    }

    /** One page of the repository's tags in the spec's lexical order; NAME_UNKNOWN for no such repository. */
    public Page tags(RepositoryName repo, OptionalInt n, Optional<String> last) {
        requireExists(repo);
        return Paging.page(tagNames(repo), Paging.LEXICAL, n, last);
    }

    /** One page of all repository names, in lexical order. */
    public Page catalog(OptionalInt n, Optional<String> last) {
        return Paging.page(all().stream().map(RepositoryName::value).toList(), Paging.LEXICAL, n, last);
    }

    // ---- for the garbage collector

    /** Every repository: each directory holding a {@code _manifests} or {@code _layers}. */
    List<RepositoryName> all() {
        Path root = layout.repositories();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName().toString();
                    if (name.startsWith("_")) {
                        // Repository names never start with '_', so this is a repository's own data.
                        names.add(root.relativize(dir.getParent()).toString());
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw BerthException.internal("cannot list repositories: " + e.getMessage(), e);
        }
        // A directory that is no valid name (hand-made, or the root itself) is no repository.
        return names.stream().filter(Repositories::isName).map(RepositoryName::of).toList();
    }

    /** Every manifest stored in {@code repo}, with what it references. */
    List<Revision> revisions(RepositoryName repo) {
        Path dir = layout.revisions(repo);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Revision> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
                String name = p.getFileName().toString();
                if (BlobStore.isHex64(name)) {
                    out.add(Revision.decode(new Digest("sha256", name), Files.readAllBytes(p)));
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw BerthException.internal("cannot list manifests of " + repo + ": " + e.getMessage(), e);
        }
        return out;
    }

    private boolean contains(RepositoryName repo, Digest digest) {
        boolean linkedBlob = links.isLinked(repo, digest);
        boolean manifest = Files.isRegularFile(layout.revision(repo, digest));
        return (linkedBlob || manifest) && blobs.exists(digest);
    }

    private Optional<Revision> revision(RepositoryName repo, Digest digest) {
        try {
            return Optional.of(Revision.decode(digest, Files.readAllBytes(layout.revision(repo, digest))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw BerthException.internal("cannot read manifest " + digest + " of " + repo + ": " + e.getMessage(), e);
        }
    }

    private Optional<Digest> readTag(RepositoryName repo, Tag tag) {
        try {
            return Optional.of(Digest.parse(Files.readString(layout.tag(repo, tag), StandardCharsets.US_ASCII).strip()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw BerthException.internal("cannot read tag " + tag + " of " + repo + ": " + e.getMessage(), e);
        }
    }

    private List<String> tagNames(RepositoryName repo) {
        Path dir = layout.tags(repo);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            // Leftover ".tmp-*" files from a crash fail the tag pattern and are skipped.
            return files.map(p -> p.getFileName().toString()).filter(Repositories::isTag).toList();
        } catch (IOException e) {
            throw BerthException.internal("cannot list tags of " + repo + ": " + e.getMessage(), e);
        }
    }

    private static boolean isName(String name) {
        try {
            RepositoryName.of(name);
            return true;
        } catch (RegistryException e) {
            return false;
        }
    }

    private static boolean isTag(String name) {
        try {
            Tag.of(name);
            return true;
        } catch (RegistryException e) {
            return false;
        }
    }

    private void requireExists(RepositoryName repo) {
        if (!exists(repo)) {
            throw new RegistryException(RegistryError.NAME_UNKNOWN, "repository name not known to registry: " + repo);
        }
    }

    private static RegistryException manifestUnknown(RepositoryName repo, Reference ref) {
        String what = switch (ref) {
            case Reference.ByDigest(Digest d) -> "@" + d;
            case Reference.ByTag(Tag t) -> ":" + t.value();
        };
        return new RegistryException(RegistryError.MANIFEST_UNKNOWN, "manifest unknown to registry: " + repo + what);
    }

    private static RegistryException blobUnknown(RepositoryName repo, Digest digest) {
        return new RegistryException(RegistryError.BLOB_UNKNOWN, "blob unknown to registry: " + digest + " in " + repo);
    }
}

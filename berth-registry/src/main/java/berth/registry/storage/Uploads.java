package berth.registry.storage;

import berth.content.Digest;
import berth.errors.BerthException;
import berth.store.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Blob upload sessions, the only way blobs enter the {@link BlobStore}.
 *
 * <p>A session is a directory {@code uploads/<id>/} holding {@code repository} (the name it pushes
 * into) and {@code data} (the bytes so far, fsynced after every chunk), so it survives a restart of the
 * server: its offset is simply the size of {@code data}. Lifecycle: {@link #start} → any number of
 * {@link #append} → {@link #finish} or {@link #cancel}. Each chunk is all-or-nothing: when a chunk fails
 * (the client went away, the size limit was hit) the data is cut back to where the chunk began.
 *
 * <p>{@link #finish} hashes the whole upload (the bytes on disk, then the last chunk while it is
 * written) and compares it with the digest the client named; only a match is renamed into the blob
 * store (same filesystem, so the move is atomic) and linked into the session's repository. A mismatch
 * ends the session and stores nothing.
 */
public final class Uploads {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String DATA = "data";
    private static final String REPOSITORY = "repository";

    private final StorageLayout layout;
    private final BlobStore blobs;
    private final BlobLinks links;
    private final PushLock pushLock;
    private final StorageConfig config;
    /** One monitor per session id, so two requests on the same session never interleave their bytes. */
    private final ConcurrentHashMap<String, Object> sessionLocks = new ConcurrentHashMap<>();

    Uploads(StorageLayout layout, BlobStore blobs, BlobLinks links, PushLock pushLock, StorageConfig config) {
        this.layout = layout;
        this.blobs = blobs;
        this.links = links;
        this.pushLock = pushLock;
        this.config = config;
    }

    /** Opens a new, empty session for {@code repository}. */
    public UploadStatus start(RepositoryName repository) {
        String id = UUID.randomUUID().toString();
        Path staging = layout.uploads().resolve(".tmp-" + id);
        try {
            Files.createDirectories(staging);
            AtomicFiles.write(staging.resolve(REPOSITORY), repository.value().getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(staging.resolve(DATA), new byte[0]);
            // The rename publishes the session whole: a crash never leaves a session without its files.
            AtomicFiles.moveAndSync(staging, layout.upload(id));
        } catch (IOException e) {
            throw BerthException.internal("cannot start upload into " + repository + ": " + e.getMessage(), e);
        }
        return new UploadStatus(id, repository, 0);
    }

    /** The session's bytes so far. Fails with BLOB_UPLOAD_UNKNOWN when there is no such session. */
    public UploadStatus status(RepositoryName repository, String id) {
        Path data = dataOf(repository, id);
        try {
            return new UploadStatus(id, repository, Files.size(data));
        } catch (NoSuchFileException e) {
            throw unknown(id);
        } catch (IOException e) {
            throw BerthException.internal("cannot read upload " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends a chunk. With {@code expectedOffset} present (the start of the request's
     * {@code Content-Range}) it must equal the bytes so far, else UPLOAD_OFFSET_MISMATCH (HTTP 416) and
     * nothing is written; without it (a streamed PATCH) the chunk goes at the end. Fails with TOO_LARGE
     * when the upload would outgrow {@link StorageConfig#maxBlobSize()}.
     */
    public UploadStatus append(RepositoryName repository, String id, OptionalLong expectedOffset, InputStream chunk) {
        synchronized (sessionLock(id)) {
            Path data = dataOf(repository, id);
            long offset = write(id, data, expectedOffset, chunk);
            return new UploadStatus(id, repository, offset);
        }
    }

    /**
     * Appends the optional last chunk, verifies that the whole upload hashes to {@code digest} and
     * stores it as that blob, linked into the session's repository; the session ends either way.
     * Fails with DIGEST_INVALID on a mismatch, leaving no blob behind and every stored blob untouched.
     */
    public Digest finish(RepositoryName repository, String id, Digest digest, Optional<InputStream> lastChunk) {
        synchronized (sessionLock(id)) {
            Path data = dataOf(repository, id);
            // Hash what is on disk (chunks may have come before a restart), then the last chunk as it is written.
            MessageDigest sha = hashed(id, data);
            if (lastChunk.isPresent()) {
                write(id, data, OptionalLong.empty(), new DigestInputStream(lastChunk.get(), sha));
            }
            Digest actual = Digest.ofSha256(sha.digest());
            if (!actual.equals(digest)) {
                remove(id);
                throw new RegistryException(RegistryError.DIGEST_INVALID,
                        "provided digest did not match uploaded content: expected " + digest + ", upload has " + actual);
            }
            pushLock.push(() -> {
                blobs.commit(data, digest, config.clock().instant());
                links.link(repository, digest);
                return null;
            });
            remove(id);
            return digest;
        }
    }

    /** Ends the session and drops its bytes. Fails with BLOB_UPLOAD_UNKNOWN when there is none. */
    public void cancel(RepositoryName repository, String id) {
        synchronized (sessionLock(id)) {
            dataOf(repository, id);
            remove(id);
        }
    }

    /** Ends sessions that received nothing since {@code cutoff} (abandoned pushes); returns how many. */
    public int purgeIdleBefore(Instant cutoff) {
        if (!Files.isDirectory(layout.uploads())) {
            return 0;
        }
        int purged = 0;
        try (Stream<Path> dirs = Files.list(layout.uploads())) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                boolean leftover = name.startsWith(".tmp-");
                String id = leftover ? name.substring(5) : name;
                synchronized (sessionLock(id)) {
                    // The data file's time moves with every chunk; the directory's only when made.
                    Path data = dir.resolve(DATA);
                    Path dated = Files.exists(data) ? data : dir;
                    if (Files.getLastModifiedTime(dated).toInstant().isBefore(cutoff)) {
                        deleteTree(dir);
                        purged += leftover ? 0 : 1;
                        sessionLocks.remove(id);
                    }
                }
            }
        } catch (IOException e) {
            throw BerthException.internal("cannot purge uploads: " + e.getMessage(), e);
        }
        return purged;
    }

    private long write(String id, Path data, OptionalLong expectedOffset, InputStream chunk) {
        try (FileChannel ch = FileChannel.open(data, StandardOpenOption.WRITE)) {
            long start = ch.size();
            if (expectedOffset.isPresent() && expectedOffset.getAsLong() != start) {
                throw new RegistryException(RegistryError.UPLOAD_OFFSET_MISMATCH, "chunk for upload " + id + " starts at "
                        + expectedOffset.getAsLong() + " but the upload holds " + start + " bytes; send the next chunk from " + start);
            }
            ch.position(start);
            try {
                copy(chunk, ch, start);
                ch.force(false);
                return ch.size();
            } catch (IOException | RuntimeException e) {
                ch.truncate(start);
                ch.force(false);
                throw e;
            }
        } catch (NoSuchFileException e) {
            throw unknown(id);
        } catch (IOException e) {
            throw BerthException.internal("cannot write upload " + id + ": " + e.getMessage(), e);
        }
    }

    private void copy(InputStream in, FileChannel out, long start) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = start;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > config.maxBlobSize()) {
                throw new RegistryException(RegistryError.TOO_LARGE,
                        "blob upload exceeds the limit of " + config.maxBlobSize() + " bytes");
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
            while (bb.hasRemaining()) {
                out.write(bb);
            }
        }
    }

    private static MessageDigest hashed(String id, Path data) {
        MessageDigest sha = Digest.newSha256();
        byte[] buf = new byte[256 * 1024];
        try (InputStream in = Files.newInputStream(data)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
            }
        } catch (NoSuchFileException e) {
            throw unknown(id);
        } catch (IOException e) {
            throw BerthException.internal("cannot read upload " + id + ": " + e.getMessage(), e);
        }
        return sha;
    }

    /** The session's data file, after checking the id's shape and that the session belongs to {@code repository}. */
    private Path dataOf(RepositoryName repository, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw unknown(id);
        }
        Path dir = layout.upload(id);
        try {
            String owner = Files.readString(dir.resolve(REPOSITORY), StandardCharsets.UTF_8);
            if (!owner.equals(repository.value())) {
                throw unknown(id);
            }
        } catch (NoSuchFileException e) {
            throw unknown(id);
        } catch (IOException e) {
            throw BerthException.internal("cannot read upload " + id + ": " + e.getMessage(), e);
        }
        return dir.resolve(DATA);
    }

    private void remove(String id) {
        try {
            deleteTree(layout.upload(id));
        } catch (IOException e) {
            throw BerthException.internal("cannot remove upload " + id + ": " + e.getMessage(), e);
        } finally {
            sessionLocks.remove(id);
        }
    }

    private Object sessionLock(String id) {
        return sessionLocks.computeIfAbsent(String.valueOf(id), k -> new Object());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static RegistryException unknown(String id) {
        return new RegistryException(RegistryError.BLOB_UPLOAD_UNKNOWN, "blob upload unknown to registry: " + id);
    }
}

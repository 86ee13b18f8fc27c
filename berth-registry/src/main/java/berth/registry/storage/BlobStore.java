package berth.registry.storage;

import berth.content.Digest;
import berth.errors.BerthException;
import berth.store.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The registry's blobs, addressed by digest, shared by all repositories: {@code blobs/sha256/<2 hex>/<hex>}.
 * Whether a repository may read a blob is {@link BlobLinks}' business, not this store's. Blobs arrive
 * only through {@link Uploads} (and manifests through {@link Repositories}), always verified and renamed
 * into place whole. A blob's modification time is when it was last uploaded or mounted, which the
 * {@link GarbageCollector}'s grace period reads.
 */
public final class BlobStore {
    private final StorageLayout layout;

    BlobStore(StorageLayout layout) {
        this.layout = layout;
    }

    public boolean exists(Digest digest) {
        return Files.isRegularFile(layout.blob(digest));
    }

    /** The blob's size in bytes, or empty when it is not stored. */
    public OptionalLong stat(Digest digest) {
        try {
            return OptionalLong.of(Files.size(layout.blob(digest)));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw BerthException.internal("cannot stat blob " + digest + ": " + e.getMessage(), e);
        }
    }

    /** The whole blob. Fails with BLOB_UNKNOWN when it is not stored. */
    public InputStream open(Digest digest) {
        return open(digest, ByteRange.from(0), true);
    }

    /** The bytes of {@code range}; fails with RANGE_NOT_SATISFIABLE when it starts past the end. */
    public InputStream open(Digest digest, ByteRange range) {
        return open(digest, range, false);
    }

    /** The blob's file, open for reading; the caller closes it. Fails with BLOB_UNKNOWN when it is not stored. */
    public FileChannel openChannel(Digest digest) {
        try {
            return FileChannel.open(layout.blob(digest), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new RegistryException(RegistryError.BLOB_UNKNOWN, "blob unknown to registry: " + digest);
        } catch (IOException e) {
            throw BerthException.internal("cannot open blob " + digest + ": " + e.getMessage(), e);
        }
    }

    private InputStream open(Digest digest, ByteRange range, boolean whole) {
        FileChannel ch;
        try {
            ch = FileChannel.open(layout.blob(digest), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new RegistryException(RegistryError.BLOB_UNKNOWN, "blob unknown to registry: " + digest);
        } catch (IOException e) {
            throw BerthException.internal("cannot open blob " + digest + ": " + e.getMessage(), e);
        }
        try {
            long size = ch.size();
            if (whole) {
                return Channels.newInputStream(ch);
            }
            long length = range.length(size);
            ch.position(range.first());
            return new BoundedInputStream(Channels.newInputStream(ch), length);
        } catch (IOException | RuntimeException e) {
            try {
                ch.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw BerthException.internal("cannot read blob " + digest + ": " + e.getMessage(), e);
        }
    }

    /** Removes the blob's data; true when there was one. Repositories' links to it are left dangling. */
    public boolean delete(Digest digest) {
        Path path = layout.blob(digest);
        try {
            boolean deleted = Files.deleteIfExists(path);
            if (deleted) {
                AtomicFiles.syncDirectory(path.getParent());
            }
            return deleted;
        } catch (IOException e) {
            throw BerthException.internal("cannot delete blob " + digest + ": " + e.getMessage(), e);
        }
    }

    /** Every stored blob's digest. */
    public List<Digest> list() {
        List<Digest> out = new ArrayList<>();
        if (!Files.isDirectory(layout.blobs())) {
            return out;
        }
        try (Stream<Path> files = Files.walk(layout.blobs(), 2)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (isHex64(name)) {
                    out.add(new Digest("sha256", name));
                }
            }
        } catch (IOException e) {
            throw BerthException.internal("cannot list blobs: " + e.getMessage(), e);
        }
        return out;
    }

    /** When the blob was last uploaded or mounted. */
    Instant lastPushed(Digest digest) {
        try {
            return Files.getLastModifiedTime(layout.blob(digest)).toInstant();
        } catch (NoSuchFileException e) {
            return Instant.MIN;
        } catch (IOException e) {
            throw BerthException.internal("cannot stat blob " + digest + ": " + e.getMessage(), e);
        }
    }

    /** Restarts the blob's grace period; false when it is not stored. */
    boolean touch(Digest digest, Instant now) {
        try {
            Files.setLastModifiedTime(layout.blob(digest), FileTime.from(now));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw BerthException.internal("cannot touch blob " + digest + ": " + e.getMessage(), e);
        }
    }

    /**
     * Moves a verified, fsynced file into place as the blob {@code digest} (or drops it when the blob is
     * already stored) and stamps it with {@code now}. The file must be on the same filesystem.
     */
    void commit(Path verified, Digest digest, Instant now) {
        Path target = layout.blob(digest);
        try {
            if (Files.exists(target)) {
                Files.delete(verified);
            } else {
                Path dir = target.getParent();
                if (!Files.isDirectory(dir)) {
                    Files.createDirectories(dir);
                    AtomicFiles.syncDirectory(dir.getParent());
                }
                AtomicFiles.moveAndSync(verified, target);
            }
            touch(digest, now);
        } catch (IOException e) {
            throw BerthException.internal("cannot store blob " + digest + ": " + e.getMessage(), e);
        }
    }

    /** Stores small content (a manifest) whose digest the caller computed from these very bytes. */
    void write(Digest digest, byte[] bytes, Instant now) {
        Path target = layout.blob(digest);
        try {
            if (!Files.exists(target)) {
                AtomicFiles.write(target, bytes);
            }
            touch(digest, now);
        } catch (IOException e) {
            throw BerthException.internal("cannot store blob " + digest + ": " + e.getMessage(), e);
        }
    }

    static boolean isHex64(String s) {
        return s.length() == 64 && s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    /** Reads at most {@code remaining} bytes, then reports the end. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}

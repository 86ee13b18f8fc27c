package berth.content;

import berth.errors.BerthException;
import berth.store.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The content store on the local disk: {@code <root>/content/blobs/sha256/<hex>}, with writes staged in
 * {@code <root>/content/ingest/} (same filesystem, so commit is a rename). A blob is hashed while
 * written, forced to disk, verified, renamed into place and its directory fsynced, so after a crash a
 * blob path holds either nothing or the complete, verified bytes. Leftovers in {@code ingest/} are
 * deleted when the store opens.
 */
public final class LocalContentStore implements ContentStore {
    private final Path blobs;
    private final Path ingest;

    public LocalContentStore(Path dataRoot) {
        Path content = dataRoot.resolve("content");
        this.blobs = content.resolve("blobs").resolve("sha256");
        this.ingest = content.resolve("ingest");
        try {
            Files.createDirectories(blobs);
            Files.createDirectories(ingest);
            try (Stream<Path> leftovers = Files.list(ingest)) {
                for (Path p : leftovers.toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw BerthException.internal("cannot open content store at " + content + ": " + e.getMessage(), e);
        }
    }

    /** Where a blob lives; callers outside the store should prefer {@link #open}. */
    public Path blobPath(Digest digest) {
        return blobs.resolve(digest.hex());
    }

    @Override
    public Optional<ContentInfo> info(Digest digest) {
        try {
            return Optional.of(new ContentInfo(digest, Files.size(blobPath(digest))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw BerthException.internal("cannot stat blob " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(Digest digest) {
        try {
            return Files.newInputStream(blobPath(digest));
        } catch (NoSuchFileException e) {
            throw BerthException.notFound("blob not found: " + digest);
        } catch (IOException e) {
            throw BerthException.internal("cannot open blob " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ContentInfo ingest(InputStream in, Optional<Digest> expected) {
        try (ContentWriter w = writer()) {
            try {
                in.transferTo(w.stream());
            } catch (IOException e) {
                throw BerthException.internal("cannot write blob: " + e.getMessage(), e);
            }
            return w.commit(expected);
        }
    }

    @Override
    public ContentWriter writer() {
        Path tmp = ingest.resolve(Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
        try {
            return new LocalWriter(tmp);
        } catch (IOException e) {
            throw BerthException.internal("cannot create " + tmp + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<ContentInfo> list() {
        List<ContentInfo> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(blobs)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.length() == 64 && name.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                    out.add(new ContentInfo(new Digest("sha256", name), Files.size(p)));
                }
            }
        } catch (IOException e) {
            throw BerthException.internal("cannot list blobs: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void delete(Digest digest) {
        try {
            if (Files.deleteIfExists(blobPath(digest))) {
                AtomicFiles.syncDirectory(blobs);
            }
        } catch (IOException e) {
            throw BerthException.internal("cannot delete blob " + digest + ": " + e.getMessage(), e);
        }
    }

    private final class LocalWriter implements ContentWriter {
        private final Path tmp;
        private final FileChannel channel;
        private final MessageDigest sha = Digest.newSha256();
        private final OutputStream out;
        private long size;
        private ContentInfo finished;
        private boolean committed;

        LocalWriter(Path tmp) throws IOException {
            this.tmp = tmp;
            this.channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            OutputStream raw = Channels.newOutputStream(channel);
            this.out = new DigestOutputStream(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    raw.write(b);
                    size++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    raw.write(b, off, len);
                    size += len;
                }
            }, sha);
        }

        @Override
        public OutputStream stream() {
            if (finished != null) {
                throw new IllegalStateException("blob writer already finished");
            }
            return out;
        }

        @Override
        public ContentInfo finish() {
            if (finished == null) {
                try {
                    out.flush();
                    channel.force(true);
                    channel.close();
                } catch (IOException e) {
                    throw BerthException.internal("cannot write blob " + tmp + ": " + e.getMessage(), e);
                }
                finished = new ContentInfo(Digest.ofSha256(sha.digest()), size);
            }
            return finished;
        }

        @Override
        public InputStream reopen() {
            if (finished == null) {
                throw new IllegalStateException("reopen before finish");
            }
            try {
                return Files.newInputStream(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public ContentInfo commit(Optional<Digest> expected) {
            ContentInfo info = finish();
            if (expected.isPresent() && !expected.get().equals(info.digest())) {
                throw BerthException.invalid("digest mismatch: expected " + expected.get() + ", content has " + info.digest());
            }
            try {
                Path target = blobPath(info.digest());
                if (Files.exists(target)) {
                    Files.delete(tmp);
                } else {
                    AtomicFiles.moveAndSync(tmp, target);
                }
                committed = true;
                return info;
            } catch (IOException e) {
                throw BerthException.internal("cannot store blob " + info.digest() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                if (channel.isOpen()) {
                    channel.close();
                }
                if (!committed) {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                throw BerthException.internal("cannot discard " + tmp + ": " + e.getMessage(), e);
            }
        }
    }
}

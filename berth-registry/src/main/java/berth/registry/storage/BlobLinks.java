package berth.registry.storage;

import berth.content.Digest;
import berth.errors.BerthException;
import berth.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which blobs each repository may serve: one file per blob at {@code repositories/<name>/_layers/sha256/<hex>}
 * holding the digest. A blob stored for one repository is invisible to another until it is uploaded or
 * mounted there, so a name grants no access to content pushed under a different name.
 */
final class BlobLinks {
    private final StorageLayout layout;

    BlobLinks(StorageLayout layout) {
        this.layout = layout;
    }

    boolean isLinked(RepositoryName repo, Digest digest) {
        return Files.isRegularFile(layout.blobLink(repo, digest));
    }

    void link(RepositoryName repo, Digest digest) {
        Path link = layout.blobLink(repo, digest);
        if (Files.isRegularFile(link)) {
            return;
        }
        try {
            AtomicFiles.write(link, digest.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw BerthException.internal("cannot link blob " + digest + " into " + repo + ": " + e.getMessage(), e);
        }
    }

    boolean unlink(RepositoryName repo, Digest digest) {
        Path link = layout.blobLink(repo, digest);
        try {
            boolean deleted = Files.deleteIfExists(link);
            if (deleted) {
                AtomicFiles.syncDirectory(link.getParent());
            }
            return deleted;
        } catch (IOException e) {
            throw BerthException.internal("cannot unlink blob " + digest + " from " + repo + ": " + e.getMessage(), e);
        }
    }

    List<Digest> list(RepositoryName repo) {
        Path dir = layout.blobLinks(repo);
        List<Digest> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (BlobStore.isHex64(name)) {
                    out.add(new Digest("sha256", name));
                }
            }
        } catch (IOException e) {
            throw BerthException.internal("cannot list blobs of " + repo + ": " + e.getMessage(), e);
        }
        return out;
    }
}

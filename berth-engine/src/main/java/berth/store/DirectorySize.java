package berth.store;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * The bytes a directory tree takes, counted as dockerd's {@code directory.Size} counts them for
 * {@code system df} and the prunes: the size of every entry that is not a directory (regular files, and
 * symlinks by the length of their target), each inode once however many hard links it has, symlinks never
 * followed. Overlay whiteouts are 0-byte devices and count nothing.
 *
 * <p>A tree that changes while it is walked is fine: an entry that disappears is skipped. The root itself
 * missing, or a directory that cannot be read, is an {@link IOException} (dockerd reports such a volume's
 * size as -1).
 */
public final class DirectorySize {
    private DirectorySize() {}

    /** The bytes under {@code root}; see the class comment for what counts. */
    public static long of(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(root.toString(), null, "not a directory");
        }
        Counter counter = new Counter(root);
        Files.walkFileTree(root, counter);
        return counter.total;
    }

    private static final class Counter extends SimpleFileVisitor<Path> {
        private final Path root;
        private final Set<Object> seen = new HashSet<>();
        private long total;

        Counter(Path root) {
            this.root = root;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            long size = attrs.size();
            if (attrs.isDirectory() || size == 0) {
                return FileVisitResult.CONTINUE;
            }
            Object inode = attrs.fileKey();
            if (inode == null || seen.add(inode)) {
                total += size;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException && !file.equals(root)) {
                return FileVisitResult.CONTINUE; // removed while we walked: it takes no space any more
            }
            throw e;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException && !dir.equals(root))) {
                throw e;
            }
            return FileVisitResult.CONTINUE;
        }
    }
}

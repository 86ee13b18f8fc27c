package berth.container.local;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Docker's copy-up: a new, empty volume mounted where the image has content is first filled with that
 * content — directories, files and symlinks with their owners, modes and times; the volume's root takes
 * the owner and mode of the image's directory. Devices, fifos and sockets are skipped. Symlinks are
 * copied as links, never followed, so the image cannot make the copy read host files.
 */
final class VolumeCopyUp {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private VolumeCopyUp() {}

    static void copy(Path source, Path target) throws IOException {
        Deque<Path[]> dirTimes = new ArrayDeque<>();
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path to = target.resolve(source.relativize(dir).toString());
                if (!dir.equals(source)) {
                    Files.createDirectory(to);
                }
                owner(dir, to);
                dirTimes.push(new Path[] {dir, to});
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path to = target.resolve(source.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(to, Files.readSymbolicLink(file));
                    owner(file, to);
                } else if (attrs.isRegularFile()) {
                    Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    owner(file, to);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        // Directory times last: creating entries inside changed them.
        while (!dirTimes.isEmpty()) {
            Path[] d = dirTimes.pop();
            FileTime mtime = Files.getLastModifiedTime(d[0], NOFOLLOW);
            Files.setLastModifiedTime(d[1], mtime);
        }
    }

    /** Owner and mode (with setuid/setgid/sticky bits, which PosixFilePermissions cannot carry). */
    private static void owner(Path from, Path to) throws IOException {
        Files.setAttribute(to, "unix:uid", Files.getAttribute(from, "unix:uid", NOFOLLOW), NOFOLLOW);
        Files.setAttribute(to, "unix:gid", Files.getAttribute(from, "unix:gid", NOFOLLOW), NOFOLLOW);
        if (!Files.isSymbolicLink(from)) {
            Files.setAttribute(to, "unix:mode", Files.getAttribute(from, "unix:mode", NOFOLLOW), NOFOLLOW);
        }
    }
}

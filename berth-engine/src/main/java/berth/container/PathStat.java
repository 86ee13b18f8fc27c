package berth.container;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@code docker cp} learns about a path in a container before copying (Docker's
 * {@code ContainerPathStat}).
 *
 * @param name       the last element of the requested path ("/" for the root, "." for {@code dir/.})
 * @param size       the size from lstat (a symlink's own size)
 * @param mode       the POSIX {@code st_mode} from lstat: file type bits and permission bits
 * @param mtime      the modification time
 * @param linkTarget for a symlink, where it leads once every link is followed inside the container's
 *                   root, as an absolute path in the container; empty otherwise
 */
public record PathStat(String name, long size, int mode, Instant mtime, String linkTarget) {
    public static final int S_IFMT = 0170000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFLNK = 0120000;

    public PathStat {
        Objects.requireNonNull(name);
        Objects.requireNonNull(mtime);
        Objects.requireNonNull(linkTarget);
    }

    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public boolean isSymlink() {
        return (mode & S_IFMT) == S_IFLNK;
    }
}

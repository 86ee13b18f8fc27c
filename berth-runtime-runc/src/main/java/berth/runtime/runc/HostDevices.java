package berth.runtime.runc;

import berth.errors.BerthException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Device nodes of the host, read with stat: type from the mode, major and minor from st_rdev (glibc's
 * encoding). Directories are walked as Docker does for {@code --device /dev/dir}; the walk for
 * --privileged skips what runc skips (pts, shm, mqueue, fd, and the console).
 */
final class HostDevices implements DeviceSource {
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final Set<String> SKIPPED_DIRS = Set.of("pts", "shm", "fd", "mqueue", ".lxc", ".lxd-mounts", ".udev");

    @Override
    public List<DeviceNode> lookup(String hostPath) {
        Path p = Path.of(hostPath);
        try {
            if (Files.isDirectory(p)) {
                return walk(p, false);
            }
            return List.of(stat(p).orElseThrow(() -> BerthException.invalid(
                    "error gathering device information while adding custom device \"" + hostPath + "\": not a device node")));
        } catch (NoSuchFileException e) {
            throw BerthException.invalid("error gathering device information while adding custom device \"" + hostPath
                    + "\": no such file or directory");
        } catch (IOException e) {
            throw BerthException.invalid("error gathering device information while adding custom device \"" + hostPath
                    + "\": " + e.getMessage(), e);
        }
    }

    @Override
    public List<DeviceNode> all() {
        try {
            return walk(Path.of("/dev"), true);
        } catch (IOException e) {
            throw BerthException.internal("cannot list the host's devices in /dev: " + e.getMessage(), e);
        }
    }

    private static List<DeviceNode> walk(Path dir, boolean likeRunc) throws IOException {
        List<DeviceNode> out = new ArrayList<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return likeRunc && !d.equals(dir) && SKIPPED_DIRS.contains(d.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (!(likeRunc && f.equals(dir.resolve("console")))) {
                    stat(f).ifPresent(out::add);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                return FileVisitResult.CONTINUE; // a node that vanished mid-walk is not ours to report
            }
        });
        return out;
    }

    /** The device at {@code p} (symlinks followed, as Docker does); empty when it is no device. */
    static Optional<DeviceNode> stat(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,rdev,uid,gid");
        int mode = (Integer) a.get("mode");
        long rdev = (Long) a.get("rdev");
        char type;
        if ((mode & S_IFMT) == S_IFCHR) {
            type = 'c';
        } else if ((mode & S_IFMT) == S_IFBLK) {
            type = 'b';
        } else {
            return Optional.empty();
        }
        return Optional.of(new DeviceNode(p.toString(), type, major(rdev), minor(rdev), mode & 07777,
                (Integer) a.get("uid"), (Integer) a.get("gid")));
    }

    /** glibc's gnu_dev_major: bits 8..19, then bits 44..63. */
    static long major(long dev) {
        return ((dev & 0xfff00L) >>> 8) | ((dev & 0xfffff00000000000L) >>> 32);
    }

    /** glibc's gnu_dev_minor: bits 0..7, then bits 20..43. */
    static long minor(long dev) {
        return (dev & 0xffL) | ((dev & 0xffffff00000L) >>> 12);
    }
}

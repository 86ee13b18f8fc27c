package berth.container.local;

import berth.container.FileChange;
import berth.sys.FileOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code docker diff}: the container's overlay upper directory read against the image's layers, with
 * the rules of Docker's {@code archive.OverlayChanges}. A 0/0 character device is a whiteout (deleted);
 * an opaque directory ({@code trusted.overlay.opaque=y}) is reported deleted and its contents added;
 * anything else is modified when some layer has it, else added; a directory present in a layer counts
 * only when its size, mode or mtime differ, or when something directly in it was added or deleted.
 *
 * <p>Docker computes the diff against an "init" layer holding the mount points it creates for every
 * container; runc creates those in the upper directory instead, so they are left out here, and so is
 * the mtime change they cause on {@code /}, {@code /etc} and {@code /dev}.
 */
final class ContainerChanges {
    /** What runc creates for a container's mounts; not the container's own change (also left out of commits). */
    static final Set<String> MOUNT_POINTS = Set.of("/dev/pts", "/dev/shm", "/dev/console", "/dev/mqueue",
            "/proc", "/sys", "/.dockerenv", "/etc/resolv.conf", "/etc/hosts", "/etc/hostname", "/etc/mtab");
    static final Set<String> MOUNT_POINT_PARENTS = Set.of("/dev", "/etc");

    private final Path upper;
    private final List<Path> lowers;
    private final List<FileChange> changes = new ArrayList<>();
    private final Set<String> changedDirs = new HashSet<>();

    private ContainerChanges(Path upper, List<Path> lowers) {
        this.upper = upper;
        this.lowers = lowers;
    }

    /** The changes, in lexical path order as Docker walks them. */
    static List<FileChange> of(Path upper, List<Path> lowersTopmostFirst) throws IOException {
        ContainerChanges c = new ContainerChanges(upper, lowersTopmostFirst);
        if (Files.isDirectory(upper, LinkOption.NOFOLLOW_LINKS)) {
            c.walk(upper, "");
        }
        return List.copyOf(c.changes);
    }

    private void walk(Path dir, String prefix) throws IOException {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.sorted((x, y) -> x.getFileName().toString().compareTo(y.getFileName().toString())).toList();
        }
        for (Path child : children) {
            String path = prefix + "/" + child.getFileName();
            if (MOUNT_POINTS.contains(path)) {
                continue;
            }
            Map<String, Object> a = Files.readAttributes(child, "unix:mode,size,lastModifiedTime,rdev", LinkOption.NOFOLLOW_LINKS);
            visit(child, path, a);
            if (((int) a.get("mode") & 0170000) == 0040000) {
                walk(child, path);
            }
        }
    }

    private void visit(Path p, String path, Map<String, Object> a) throws IOException {
        int mode = (int) a.get("mode");
        boolean isDir = (mode & 0170000) == 0040000;
        FileChange.Kind kind;
        if ((mode & 0170000) == 0020000 && ((Number) a.get("rdev")).longValue() == 0) {
            kind = FileChange.Kind.DELETED;
        } else if (isDir && FileOps.lgetxattr(p, "trusted.overlay.opaque").map(v -> v.length == 1 && v[0] == 'y')
                .orElse(false)) {
            kind = FileChange.Kind.DELETED;
        } else {
            kind = FileChange.Kind.ADDED;
            Optional<Map<String, Object>> lower = inLowers(path);
            if (lower.isPresent()) {
                Map<String, Object> l = lower.get();
                if (isDir && ((int) l.get("mode") & 0170000) == 0040000 && sameDirectory(path, a, l)) {
                    return;
                }
                kind = FileChange.Kind.MODIFIED;
            }
        }
        if (isDir) {
            changedDirs.add(path);
        }
        if (kind != FileChange.Kind.MODIFIED) {
            String parent = path.substring(0, path.lastIndexOf('/'));
            if (!parent.isEmpty() && changedDirs.add(parent)) {
                changes.add(new FileChange(parent, FileChange.Kind.MODIFIED));
            }
        }
        changes.add(new FileChange(path, kind));
    }

    private static boolean sameDirectory(String path, Map<String, Object> upper, Map<String, Object> lower) {
        boolean sameMode = upper.get("mode").equals(lower.get("mode"));
        if (MOUNT_POINT_PARENTS.contains(path)) {
            // only runc's mount points may have touched it; real changes inside are reported on their own
            return sameMode;
        }
        return sameMode && upper.get("size").equals(lower.get("size"))
                && sameTime(((FileTime) upper.get("lastModifiedTime")).toInstant(),
                        ((FileTime) lower.get("lastModifiedTime")).toInstant());
    }

    /** Docker's sameFsTime: equal, or the same second when one side has no sub-second part (tar times). */
    private static boolean sameTime(java.time.Instant a, java.time.Instant b) {
        return a.equals(b) || a.getEpochSecond() == b.getEpochSecond() && (a.getNano() == 0 || b.getNano() == 0);
    }

    /**
     * The attributes of {@code path} in the topmost layer that has it. Each element is looked at with
     * lstat, so a symlink in a layer is never followed (it could lead out of the layer).
     */
    private Optional<Map<String, Object>> inLowers(String path) throws IOException {
        String[] comps = path.substring(1).split("/");
        for (Path layer : lowers) {
            Path here = layer;
            boolean found = true;
            for (int i = 0; i < comps.length && found; i++) {
                here = here.resolve(comps[i]);
                var a = berth.archive.RootedTree.lstat(here);
                found = a != null && (i == comps.length - 1 || a.isDirectory() && !a.isSymbolicLink());
            }
            if (found) {
                return Optional.of(Files.readAttributes(here, "unix:mode,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS));
            }
        }
        return Optional.empty();
    }
}

package berth.archive;

import berth.errors.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Resolves archive names inside a root directory the way a chroot would, so that nothing outside the
 * root is ever reached: {@code ..} stops at the root, a symlink's target is read and resolved again
 * from the root (absolute) or from its own directory (relative), and every directory returned is a real
 * directory under the root with no symlink in its path. The caller is the only writer of the tree while
 * it unpacks, so a path checked here stays what it was when it is used.
 */
final class RootedPaths {
    private static final int MAX_SYMLINKS = 40;
    private final Path root;

    RootedPaths(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /**
     * The cleaned components of an archive entry name. A leading {@code /} is dropped (absolute names are
     * taken as relative to the root, as Docker does); a {@code ..} that would climb above the root is
     * refused: INVALID_ARGUMENT "invalid tar: ...".
     */
    static List<String> clean(String name) {
        List<String> out = new ArrayList<>();
        for (String c : name.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (out.isEmpty()) {
                    throw BerthException.invalid("invalid tar: entry \"" + name + "\" points outside the root");
                }
                out.removeLast();
                continue;
            }
            if (c.indexOf('\0') >= 0) {
                throw BerthException.invalid("invalid tar: entry name contains a NUL byte: \"" + name + "\"");
            }
            out.add(c);
        }
        return out;
    }

    /**
     * Walks {@code components} as directories from the root, following symlinks chroot-style, and returns
     * the real directory reached. Missing directories are created (mode 0755) when {@code create};
     * otherwise a missing one is NOT_FOUND-like: empty. A non-directory on the way is INVALID_ARGUMENT.
     */
    Optional<Path> directory(List<String> components, boolean create, String entryName) throws IOException {
        Deque<String> todo = new ArrayDeque<>(components);
        List<String> current = new ArrayList<>();
        Path here = root;
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (!current.isEmpty()) {
                    current.removeLast();
                    here = here.getParent();
                }
                continue;
            }
            Path next = here.resolve(c);
            BasicFileAttributes a = lstat(next);
            if (a == null) {
                if (!create) {
                    return Optional.empty();
                }
                Files.createDirectory(next);
                berth.sys.FileOps.chmod(next, 0755);
                a = lstat(next);
            }
            if (a.isSymbolicLink()) {
                if (++links > MAX_SYMLINKS) {
                    throw BerthException.invalid("invalid tar: too many levels of symbolic links resolving \"" + entryName + "\"");
                }
                String target = Files.readSymbolicLink(next).toString();
                if (target.startsWith("/")) {
                    current.clear();
                    here = root;
                }
                String[] parts = target.split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    todo.addFirst(parts[i]);
                }
                continue;
            }
            if (!a.isDirectory()) {
                throw BerthException.invalid("invalid tar: \"" + entryName + "\": /" + String.join("/", current)
                        + (current.isEmpty() ? "" : "/") + c + " is not a directory");
            }
            current.add(c);
            here = next;
        }
        return Optional.of(here);
    }

    /** lstat, or null when nothing is there. */
    static BasicFileAttributes lstat(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}

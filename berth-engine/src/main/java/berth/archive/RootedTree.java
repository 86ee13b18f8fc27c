package berth.archive;

import berth.errors.BerthException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A directory tree (a container's root filesystem) seen as if it were {@code /}: paths are resolved
 * the way a process chrooted into it would see them. {@code ..} stops at the root, and a symlink's
 * target is resolved again from the root (absolute) or from the link's directory (relative), so no
 * path returned here leads outside the root. Missing elements are kept as named, as Docker's
 * {@code FollowSymlinkInScope} does, so the caller's lstat decides what "missing" means.
 *
 * <p>The paths returned contain no symlink; they are only
 * safe to use while nobody else can swap a directory for a symlink (the engine pauses a running
 * container while it works on its files).
 */
public final class RootedTree {
    private static final int MAX_SYMLINKS = 255;
    private final Path root;

    public RootedTree(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    public Path root() {
        return root;
    }

    /** The host path of {@code path} (absolute or not, taken from the root) with every symlink followed. */
    public Path follow(String path) throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        for (String c : path.split("/")) {
            todo.addLast(c);
        }
        Path here = root;
        int depth = 0;
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (depth > 0) {
                    here = here.getParent();
                    depth--;
                }
                continue;
            }
            if (c.indexOf('\0') >= 0) {
                throw BerthException.invalid("path contains a NUL byte: \"" + path + "\"");
            }
            Path next = here.resolve(c);
            BasicFileAttributes a = lstat(next);
            if (a != null && a.isSymbolicLink()) {
                if (++links > MAX_SYMLINKS) {
                    throw BerthException.invalid("too many levels of symbolic links resolving \"" + path + "\"");
                }
                String target = Files.readSymbolicLink(next).toString();
                if (target.startsWith("/")) {
                    here = root;
                    depth = 0;
                }
                String[] parts = target.split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    todo.addFirst(parts[i]);
                }
                continue;
            }
            here = next;
            depth++;
        }
        return here;
    }

    /** The absolute path in the tree of a host path under the root ("/" for the root itself). */
    public String inTree(Path host) {
        Path rel = root.relativize(host);
        String s = rel.toString();
        return s.isEmpty() ? "/" : "/" + s;
    }

    /** lstat, or null when nothing is there (or a parent is not a directory). */
    public static BasicFileAttributes lstat(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (FileSystemException e) {
            if (e.getReason() != null && e.getReason().contains("Not a directory")) {
                return null;
            }
            throw e;
        }
    }
}

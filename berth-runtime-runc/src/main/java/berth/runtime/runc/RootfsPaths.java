package berth.runtime.runc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a path inside a container's rootfs the way the kernel would after chroot: symlinks are
 * followed, but an absolute target or ".." never leaves the rootfs. The rootfs is image content and
 * hostile: an /etc/passwd that links to the host's /etc/shadow must read the rootfs's own file.
 */
final class RootfsPaths {
    private static final int MAX_LINKS = 40;

    private RootfsPaths() {}

    /** The host path for {@code containerPath} (absolute, as seen inside the container). */
    static Path resolve(Path rootfs, String containerPath) throws IOException {
        Deque<String> pending = new ArrayDeque<>();
        pushComponents(pending, containerPath);
        Deque<String> resolved = new ArrayDeque<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String part = pending.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                resolved.pollLast();
                continue;
            }
            Path candidate = join(rootfs, resolved).resolve(part);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw new IOException("too many levels of symbolic links resolving " + containerPath + " in " + rootfs);
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                pushComponents(pending, target);
            } else {
                resolved.addLast(part);
            }
        }
        return join(rootfs, resolved);
    }

    /** Reads a small text file of the rootfs, or returns null when it does not exist. */
    static String readIfExists(Path rootfs, String containerPath) throws IOException {
        Path p = resolve(rootfs, containerPath);
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        return Files.readString(p);
    }

    private static void pushComponents(Deque<String> pending, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            pending.push(parts[i]);
        }
    }

    private static Path join(Path rootfs, Deque<String> parts) {
        Path p = rootfs;
        for (String s : parts) {
            p = p.resolve(s);
        }
        return p;
    }
}

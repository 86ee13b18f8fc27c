package berth.cli.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Unpacks a tar from the daemon into a host directory, renaming the archive's top entry when the
 * copy goes to a new name (docker cp's rebase). The archive is untrusted: an entry that would land
 * outside the destination, by "..", an absolute name, or through a symlink, is refused.
 */
public final class Extractor {
    private final Path root;
    private final String fromName;
    private final String toName;
    private final boolean keepOwner;

    /**
     * @param root directory to extract into
     * @param fromName the archive's top-level name to rebase (null for none)
     * @param toName its new name
     * @param keepOwner chown entries to the archive's uid/gid (as root with -a)
     */
    public Extractor(Path root, String fromName, String toName, boolean keepOwner) {
        this.root = root.toAbsolutePath().normalize();
        this.fromName = fromName;
        this.toName = toName;
        this.keepOwner = keepOwner;
    }

    /** Extracts everything; returns the number of content bytes written. */
    public long extract(InputStream in) throws IOException {
        TarReader tar = new TarReader(in);
        long bytes = 0;
        TarEntry e;
        while ((e = tar.next()) != null) {
            String name = rebase(stripSlashes(e.name()));
            if (name.isEmpty()) {
                continue;
            }
            Path target = root.resolve(name).normalize();
            if (!target.startsWith(root) || name.startsWith("/")) {
                throw new IOException("refusing archive entry outside the destination: " + e.name());
            }
            checkParents(target);
            switch (e.type()) {
                case DIRECTORY -> {
                    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                        Files.deleteIfExists(target);
                        Files.createDirectories(target);
                    }
                }
                case FILE -> {
                    Path tmp = Files.createTempFile(target.getParent(), ".berth-cp-", ".tmp");
                    try {
                        bytes += Files.copy(tar.content(), tmp, StandardCopyOption.REPLACE_EXISTING);
                        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                }
                case SYMLINK -> {
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(e.linkTarget()));
                }
                case HARDLINK -> {
                    Path source = root.resolve(rebase(stripSlashes(e.linkTarget()))).normalize();
                    if (!source.startsWith(root)) {
                        throw new IOException("refusing hard link outside the destination: " + e.linkTarget());
                    }
                    Files.deleteIfExists(target);
                    try {
                        Files.createLink(target, source);
                    } catch (FileAlreadyExistsException ignored) {
                        // replaced concurrently; the archive's later entry wins
                    }
                }
                case OTHER -> {
                    continue; // devices and fifos are not recreated on the host
                }
            }
            if (e.type() != TarEntry.Type.SYMLINK) {
                Files.setPosixFilePermissions(target, permissions(e.mode()));
                Files.setLastModifiedTime(target, FileTime.fromMillis(e.mtimeSeconds() * 1000));
            }
            if (keepOwner) {
                Files.setAttribute(target, "unix:uid", (int) e.uid(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(target, "unix:gid", (int) e.gid(), LinkOption.NOFOLLOW_LINKS);
            }
        }
        return bytes;
    }

    private String rebase(String name) {
        if (fromName == null || fromName.equals(toName)) {
            return name;
        }
        if (name.equals(fromName)) {
            return toName;
        }
        if (name.startsWith(fromName + "/")) {
            return toName + name.substring(fromName.length());
        }
        return name;
    }

    private static String stripSlashes(String name) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n.equals(".") ? "" : n;
    }

    /** Every existing ancestor between root and target must be a real directory, not a symlink out. */
    private void checkParents(Path target) throws IOException {
        for (Path p = target.getParent(); p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new IOException("refusing archive entry through a symlink: " + root.relativize(target));
            }
        }
        Files.createDirectories(target.getParent());
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                s.add(order[i]);
            }
        }
        return s;
    }
}

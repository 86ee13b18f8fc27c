package berth.container.local;

import berth.archive.RootedTree;
import berth.archive.TreeArchiver;
import berth.archive.TreeExtractor;
import berth.container.ArchiveSink;
import berth.container.ExtractOptions;
import berth.container.PathStat;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;

/**
 * {@code docker cp} and {@code docker export} on a mounted container root filesystem, with Docker's
 * path rules ({@code container.ResolvePath}, {@code StatPath}, {@code archive.CopyInfo}):
 * <ul>
 *   <li>a path is absolute in the container; every symlink in it is followed inside the root, the
 *       last element only when extracting (so {@code docker cp c:/link .} copies the link itself);</li>
 *   <li>a trailing {@code /} or {@code /.} is kept: {@code dir/.} names the directory's contents, and
 *       its archive's top entry is "." instead of "dir";</li>
 *   <li>the archive's top entry is named after the requested path's last element, not after what a
 *       symlink resolved to; the root's entries start with "/".</li>
 * </ul>
 * The caller keeps the tree still while this works (container lock held, container frozen).
 */
final class ContainerArchives {
    private final RootedTree tree;
    /** The container as the user named it, for Docker's "Could not find the file" message. */
    private final String containerName;

    ContainerArchives(Path rootfs, String containerName) throws IOException {
        this.tree = new RootedTree(rootfs);
        this.containerName = containerName;
    }

    /** A container path split as Docker does after cleaning it, keeping a trailing "/" or "/.". */
    record DockerPath(String original, String absolute, String dir, String base) {
        static DockerPath of(String path) {
            String p = path == null || path.isEmpty() ? "/" : path;
            String abs = clean("/" + p);
            // archive.PreserveTrailingDotOrSeparator
            if (p.endsWith("/.") || p.equals(".")) {
                abs += abs.endsWith("/") ? "." : "/.";
            } else if (p.endsWith("/") && !abs.endsWith("/")) {
                abs += "/";
            }
            int slash = abs.lastIndexOf('/');
            return new DockerPath(p, abs, abs.substring(0, slash + 1), abs.substring(slash + 1));
        }

        /** Go's filepath.Base: the last element, "/" for the root. */
        String name() {
            String s = absolute;
            while (s.length() > 1 && s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            return s.equals("/") ? "/" : s.substring(s.lastIndexOf('/') + 1);
        }

        /** Go's path.Clean for an absolute path. */
        static String clean(String abs) {
            return berth.store.PathNames.clean(abs);
        }
    }

    /** Docker's ResolvePath: the parent followed in the root, the last element as named. */
    private Path resolveKeepingLast(DockerPath p) throws IOException {
        Path dir = tree.follow(p.dir());
        return p.base().isEmpty() || p.base().equals(".") ? dir : dir.resolve(p.base());
    }

    PathStat stat(String path) throws IOException {
        DockerPath p = DockerPath.of(path);
        return stat(p, resolveKeepingLast(p));
    }

    private PathStat stat(DockerPath p, Path resolved) throws IOException {
        Map<String, Object> a = lstat(p, resolved);
        int mode = (int) a.get("mode");
        String linkTarget = "";
        if ((mode & PathStat.S_IFMT) == PathStat.S_IFLNK) {
            linkTarget = tree.inTree(tree.follow(p.absolute()));
        }
        return new PathStat(p.name(), (long) a.get("size"), mode, ((FileTime) a.get("lastModifiedTime")).toInstant(),
                linkTarget);
    }

    /** lstat of a resolved path; a "directory" path ("x/", "x/.") must be one. NOT_FOUND as Docker words it. */
    private Map<String, Object> lstat(DockerPath p, Path resolved) throws IOException {
        if (RootedTree.lstat(resolved) == null) {
            throw notFound(p);
        }
        Map<String, Object> a = Files.readAttributes(resolved, "unix:mode,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        boolean wantsDir = p.base().isEmpty() || p.base().equals(".");
        if (wantsDir && ((int) a.get("mode") & PathStat.S_IFMT) != PathStat.S_IFDIR) {
            throw notFound(p);
        }
        return a;
    }

    private BerthException notFound(DockerPath p) {
        return BerthException.notFound("Could not find the file " + p.original() + " in container " + containerName);
    }

    /** Stats the path, hands the stat to the sink, then writes the tar (Docker's containerArchivePath). */
    void archive(String path, ArchiveSink sink) throws IOException {
        DockerPath p = DockerPath.of(path);
        Path resolved = resolveKeepingLast(p);
        PathStat stat = stat(p, resolved);
        String top = p.name().equals("/") ? "" : p.name();
        OutputStream out = sink.open(stat);
        TreeArchiver.write(resolved, Optional.of(top), out);
        out.flush();
    }

    /** Docker's containerExtractToDir: the path, its last symlink followed too, must be a directory. */
    void extract(String path, InputStream tar, ExtractOptions options, boolean readonlyRootfs, String user)
            throws IOException {
        DockerPath p = DockerPath.of(path);
        Path resolved = tree.follow(p.absolute());
        var a = RootedTree.lstat(resolved);
        if (a == null) {
            throw notFound(p);
        }
        if (!a.isDirectory()) {
            throw BerthException.invalid("extraction point is not a directory");
        }
        if (readonlyRootfs) {
            throw new BerthException(ErrorKind.PERMISSION_DENIED, "container rootfs is marked read-only");
        }
        Optional<TreeExtractor.Owner> owner = options.copyUidGid() && !user.isEmpty()
                ? Optional.of(ContainerUsers.lookup(tree, user))
                : Optional.empty();
        new TreeExtractor(tree).extract(tar, resolved, new TreeExtractor.Options(options.noOverwriteDirNonDir(), owner));
    }

    /** The whole root filesystem, entries named relative to it (Docker's export). */
    void export(OutputStream out) throws IOException {
        TreeArchiver.write(tree.root(), Optional.empty(), out);
        out.flush();
    }
}

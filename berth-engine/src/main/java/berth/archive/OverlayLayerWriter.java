package berth.archive;

import static berth.archive.UnixFileTypes.S_IFBLK;
import static berth.archive.UnixFileTypes.S_IFCHR;
import static berth.archive.UnixFileTypes.S_IFDIR;
import static berth.archive.UnixFileTypes.S_IFIFO;
import static berth.archive.UnixFileTypes.S_IFLNK;
import static berth.archive.UnixFileTypes.S_IFMT;
import static berth.archive.UnixFileTypes.S_IFREG;

import berth.sys.FileOps;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes an overlayfs upper directory as an OCI/Docker layer tar: the change a container (or a build
 * step) made on top of its image. This is the layer {@code docker commit} and every {@code RUN} step
 * of a build add.
 *
 * <p>The rules are those of Docker's overlay2 driver ({@code OverlayWhiteoutFormat}):
 * <ul>
 *   <li>every entry of the upper directory, in lexical order, directories with a trailing slash, names
 *       relative without {@code ./}; numeric owners, mtimes to the second, permission bits with
 *       setuid/setgid/sticky;</li>
 *   <li>a 0/0 character device (overlay's whiteout) becomes an empty regular file {@code .wh.<name>},
 *       mode 0600: the name is deleted;</li>
 *   <li>a directory with {@code trusted.overlay.opaque=y} (or {@code user.overlay.opaque=y} on a
 *       {@code userxattr} mount) is written, then an empty {@code <dir>/.wh..wh..opq}: everything the
 *       lower layers had in it is hidden;</li>
 *   <li>a second name of a multiply linked file becomes a hard link to the first name written;</li>
 *   <li>devices, FIFOs and symlinks as such, sockets left out (Docker leaves them out too);</li>
 *   <li>extended attributes in PAX {@code SCHILY.xattr.*} records, raw bytes: {@code security.capability},
 *       {@code user.*} and {@code trusted.*}, never overlay's own {@code *.overlay.*} bookkeeping.</li>
 * </ul>
 * Output is reproducible: the same tree gives the same bytes. Nothing is followed: the walk reads
 * with lstat and never descends into a symlink. The tree should not change meanwhile (callers freeze
 * the container).
 */
public final class OverlayLayerWriter {
    private static final List<String> OPAQUE_XATTRS = List.of("trusted.overlay.opaque", "user.overlay.opaque");

    /**
     * What to leave out of the layer, as absolute paths in the container ({@code /etc/hosts}).
     *
     * @param excluded          paths left out with everything beneath (mount points the runtime made)
     * @param omittedWhenEmpty  directories left out when nothing else of them is written (their
     *                          only change was a mount point made inside them)
     */
    public record Options(Set<String> excluded, Set<String> omittedWhenEmpty) {
        public static final Options NONE = new Options(Set.of(), Set.of());

        public Options {
            excluded = Set.copyOf(excluded);
            omittedWhenEmpty = Set.copyOf(omittedWhenEmpty);
        }
    }

    private final TarWriter tar;
    private final Options options;
    /** (device, inode) of multiply linked files already written → their name in the archive. */
    private final Map<List<Long>, String> linked = new HashMap<>();

    private OverlayLayerWriter(OutputStream out, Options options) {
        this.tar = new TarWriter(out);
        this.options = options;
    }

    /** Writes the layer of {@code upper} to {@code out} (which stays open). */
    public static void write(Path upper, Options options, OutputStream out) throws IOException {
        OverlayLayerWriter w = new OverlayLayerWriter(out, options);
        if (Files.isDirectory(upper, LinkOption.NOFOLLOW_LINKS)) {
            w.children(upper, "");
        }
        w.tar.finish();
    }

    private void children(Path dir, String prefix) throws IOException {
        List<Path> sorted;
        try (Stream<Path> s = Files.list(dir)) {
            sorted = s.sorted((x, y) -> x.getFileName().toString().compareTo(y.getFileName().toString())).toList();
        }
        for (Path child : sorted) {
            String name = prefix + child.getFileName();
            if (options.excluded().contains("/" + name)) {
                continue;
            }
            Map<String, Object> a = Files.readAttributes(child, UnixFileTypes.ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            if (((int) a.get("mode") & S_IFMT) == S_IFDIR) {
                if (options.omittedWhenEmpty().contains("/" + name) && !hasContent(child, name + "/")) {
                    continue;
                }
                entry(child, name + "/", a);
                children(child, name + "/");
            } else {
                entry(child, name, a);
            }
        }
    }

    /** Whether anything beneath the directory would be written. */
    private boolean hasContent(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path child : s.toList()) {
                String name = prefix + child.getFileName();
                if (options.excluded().contains("/" + name)) {
                    continue;
                }
                if (!options.omittedWhenEmpty().contains("/" + name) || !Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
                        || hasContent(child, name + "/")) {
                    return true;
                }
            }
        }
        return false;
    }

    private void entry(Path p, String name, Map<String, Object> a) throws IOException {
        int mode = (int) a.get("mode");
        int type = mode & S_IFMT;
        long uid = ((Number) a.get("uid")).longValue();
        long gid = ((Number) a.get("gid")).longValue();
        long mtime = ((FileTime) a.get("lastModifiedTime")).toInstant().getEpochSecond();
        int perm = mode & 07777;
        long rdev = ((Number) a.get("rdev")).longValue();
        if (type == S_IFCHR && rdev == 0) {
            int slash = name.lastIndexOf('/');
            String whiteout = name.substring(0, slash + 1) + ".wh." + name.substring(slash + 1);
            tar.put(TarWriter.Header.of(whiteout, TarWriter.REGULAR, 0600, uid, gid, mtime));
            return;
        }
        byte kind;
        long size = 0;
        String link = "";
        switch (type) {
            case S_IFDIR -> kind = TarWriter.DIRECTORY;
            case S_IFLNK -> {
                kind = TarWriter.SYMLINK;
                link = Files.readSymbolicLink(p).toString();
            }
            case S_IFREG -> {
                List<Long> key = List.of(((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue());
                String first = (int) a.get("nlink") > 1 ? linked.putIfAbsent(key, name) : null;
                if (first != null) {
                    kind = TarWriter.HARD_LINK;
                    link = first;
                } else {
                    kind = TarWriter.REGULAR;
                    size = (long) a.get("size");
                }
            }
            case S_IFCHR -> kind = TarWriter.CHAR_DEVICE;
            case S_IFBLK -> kind = TarWriter.BLOCK_DEVICE;
            case S_IFIFO -> kind = TarWriter.FIFO;
            default -> {
                return; // sockets cannot be archived
            }
        }
        int major = (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
        int minor = (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
        Map<String, byte[]> xattrs = xattrs(p);
        boolean opaque = false;
        for (String o : OPAQUE_XATTRS) {
            byte[] v = xattrs.remove(o);
            opaque |= type == S_IFDIR && v != null && v.length == 1 && v[0] == 'y';
        }
        xattrs.keySet().removeIf(OverlayLayerWriter::isOverlayBookkeeping);
        tar.put(new TarWriter.Header(name, kind, perm, uid, gid, size, mtime, link, major, minor, xattrs));
        if (kind == TarWriter.REGULAR && size > 0) {
            try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
                tar.writeContent(in);
            }
        }
        if (opaque) {
            // Docker's opaque marker inherits the directory's permissions and owner
            tar.put(TarWriter.Header.of(name + ".wh..wh..opq", TarWriter.REGULAR, perm & 0777, uid, gid, mtime));
        }
    }

    /** The attributes a layer carries, sorted; symlinks can hold only trusted.* and security.*. */
    private static Map<String, byte[]> xattrs(Path p) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        for (String n : FileOps.llistxattr(p)) {
            if (n.equals("security.capability") || n.startsWith("user.") || n.startsWith("trusted.")) {
                Optional<byte[]> v = FileOps.lgetxattr(p, n);
                v.ifPresent(value -> out.put(n, value));
            }
        }
        return out;
    }

    private static boolean isOverlayBookkeeping(String name) {
        return name.startsWith("trusted.overlay.") || name.startsWith("user.overlay.");
    }
}

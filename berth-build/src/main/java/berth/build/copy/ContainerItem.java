package berth.build.copy;

import berth.build.context.GlobSyntax;
import berth.container.ContainerService;
import berth.container.PathStat;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A {@code COPY --from} source: a path in a (created, never started) container of the stage's or
 * image's result, read through {@link ContainerService#archivePath}. As in Docker, a source that is a
 * symlink is followed (its target is copied under the source's name), and links below a directory are
 * copied as links. Read twice: once to digest it here, once to copy it in {@link #entries}.
 */
final class ContainerItem implements CopyItem {
    private static final String XATTR = "SCHILY.xattr.";

    private final ContainerService containers;
    private final String containerId;
    /** The followed path that is archived. */
    private final String resolved;
    private final String name;
    private final boolean directory;
    private final String digest;
    private final String historyHash;

    private ContainerItem(ContainerService containers, String containerId, String resolved, String name,
                          boolean directory) {
        this.containers = containers;
        this.containerId = containerId;
        this.resolved = resolved;
        this.name = name;
        this.directory = directory;
        String[] digests = digests();
        this.digest = digests[0];
        this.historyHash = digests[1];
    }

    /** The source at {@code path} (absolute, clean), digested; INVALID_ARGUMENT as Docker words a missing one. */
    static ContainerItem read(ContainerService containers, String containerId, String path, String command) {
        PathStat stat = stat(containers, containerId, path, command);
        String resolved = path;
        if (stat.isSymlink()) {
            resolved = stat.linkTarget();
            stat = stat(containers, containerId, resolved, command);
            if (stat.isSymlink()) {
                throw notFound(path, command);
            }
        }
        return new ContainerItem(containers, containerId, resolved, Destination.baseName(path), stat.isDirectory());
    }

    /**
     * The paths a wildcard source matches in the container, in the order Docker's walk finds them:
     * the tree under the pattern's fixed leading directories is listed and every path in it matched
     * with Go's {@code filepath.Match} rules ({@code *} does not cross {@code /}).
     */
    static List<String> expand(ContainerService containers, String containerId, String pattern) {
        String p = relative(pattern);
        List<String> fixed = new ArrayList<>();
        for (String c : p.split("/")) {
            if (GlobSyntax.hasWildcards(c)) {
                break;
            }
            fixed.add(c);
        }
        Pattern glob;
        try {
            glob = GlobSyntax.compile(p, false);
        } catch (BerthException e) {
            return List.of(); // Docker ignores the match error: a bad pattern matches nothing
        }
        String base = "/" + String.join("/", fixed);
        String archived;
        try {
            PathStat stat = containers.statPath(containerId, base);
            archived = stat.isSymlink() ? stat.linkTarget() : base;
            if (!stat.isSymlink() && !stat.isDirectory()) {
                return List.of();
            }
        } catch (BerthException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
        String prefix = String.join("/", fixed);
        List<List<String>> matches = new ArrayList<>();
        TarPipe.run(out -> containers.archivePath(containerId, archived, s -> out), in -> {
            TarArchiveInputStream tar = new TarArchiveInputStream(in);
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String below = belowTop(e.getName(), archived);
                if (below.isEmpty()) {
                    continue;
                }
                String rel = prefix.isEmpty() ? below : prefix + "/" + below;
                if (glob.matcher(rel).matches()) {
                    matches.add(List.of(rel.split("/")));
                }
            }
            return null;
        });
        matches.sort(WALK_ORDER);
        return matches.stream().map(m -> "/" + String.join("/", m)).toList();
    }

    /** Go's filepath.Walk order: lexical within a directory, a directory's entries right after it. */
    private static final Comparator<List<String>> WALK_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    /** Docker's calcCopyInfo trims one leading "/" and then a leading "./". */
    static String relative(String source) {
        String s = source;
        if (s.startsWith("/")) {
            s = s.substring(1);
        }
        if (s.startsWith("./")) {
            s = s.substring(2);
        }
        return s;
    }

    private static PathStat stat(ContainerService containers, String id, String path, String command) {
        try {
            return containers.statPath(id, path);
        } catch (BerthException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                throw notFound(path, command);
            }
            throw e;
        }
    }

    private static BerthException notFound(String path, String command) {
        return BerthException.invalid(command + " failed: stat " + relative(path) + ": file does not exist");
    }

    /** The cache digest and the history hash, in one read of the source. */
    private String[] digests() {
        ContentDigest d = new ContentDigest().string("container").string(name).number(directory ? 1 : 0);
        MessageDigest content = ContentDigest.sha256();
        long[] count = {0};
        try {
            entries((e, in) -> {
                count[0]++;
                if (directory || e.kind() != ItemEntry.Kind.FILE) {
                    d.entry(e, in);
                    return;
                }
                // a file: the history's "file:<hex>" is the content's plain SHA-256
                d.entry(e, new java.security.DigestInputStream(in, content));
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + resolved + " from the build stage: " + e.getMessage(), e);
        }
        d.number(count[0]);
        String digest = d.finish();
        return new String[] {digest,
            directory ? "dir:" + ContentDigest.hex(digest) : "file:" + HexFormat.of().formatHex(content.digest())};
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean directory() {
        return directory;
    }

    @Override
    public String historyHash() {
        return historyHash;
    }

    @Override
    public String digest() {
        return digest;
    }

    @Override
    public void entries(EntryVisitor visitor) throws IOException {
        TarPipe.run(out -> containers.archivePath(containerId, resolved, s -> out), in -> {
            TarArchiveInputStream tar = new TarArchiveInputStream(in);
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                Optional<ItemEntry> entry = entry(e, resolved);
                if (entry.isPresent()) {
                    visitor.entry(entry.get(), entry.get().kind() == ItemEntry.Kind.FILE ? tar : InputStream.nullInputStream());
                }
            }
            return null;
        });
    }

    /** An archived entry as a copy entry, named below the source; devices are not copied. */
    static Optional<ItemEntry> entry(TarArchiveEntry e, String archivedPath) {
        String path = belowTop(e.getName(), archivedPath);
        ItemEntry.Kind kind;
        String link = "";
        if (e.isDirectory()) {
            kind = ItemEntry.Kind.DIRECTORY;
        } else if (e.isSymbolicLink()) {
            kind = ItemEntry.Kind.SYMLINK;
            link = e.getLinkName();
        } else if (e.isLink()) {
            kind = ItemEntry.Kind.HARD_LINK;
            link = belowTop(e.getLinkName(), archivedPath);
        } else if (e.isFIFO()) {
            kind = ItemEntry.Kind.FIFO;
        } else if (e.isFile()) {
            kind = ItemEntry.Kind.FILE;
        } else {
            return Optional.empty();
        }
        Map<String, byte[]> xattrs = new TreeMap<>();
        // commons-compress gives PAX values as text: attributes with binary values do not survive
        e.getExtraPaxHeaders().forEach((k, v) -> {
            if (k.startsWith(XATTR)) {
                xattrs.put(k.substring(XATTR.length()), v.getBytes(StandardCharsets.UTF_8));
            }
        });
        return Optional.of(new ItemEntry(path, kind, e.getMode() & 07777, e.getLongUserId(), e.getLongGroupId(),
                kind == ItemEntry.Kind.FILE ? e.getSize() : 0, link, xattrs, e.getModTime().toInstant().getEpochSecond()));
    }

    /**
     * An archive name below the archive's top entry: archivePath names the top after the path's last
     * element ("d", "d/x.py"); an archive of the root has no top ("/bin", "bin/sh").
     */
    static String belowTop(String name, String archivedPath) {
        String n = name;
        while (n.startsWith("/") || n.startsWith("./")) {
            n = n.startsWith("/") ? n.substring(1) : n.substring(2);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        if (archivedPath.equals("/")) {
            return n.equals(".") ? "" : n;
        }
        int slash = n.indexOf('/');
        return slash < 0 ? "" : n.substring(slash + 1);
    }
}

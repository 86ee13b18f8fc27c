package berth.archive;

import berth.errors.BerthException;
import berth.sys.FileOps;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Extracts a tar (plain or compressed) into a directory of a {@link RootedTree}, with the rules of
 * Docker's {@code archive.Unpack} as {@code docker cp} uses it: entry names are relative to the
 * extraction directory and may not climb out of it; an existing directory is merged with a directory
 * entry and anything else in the way is replaced (or refused, with {@code noOverwriteDirNonDir});
 * symlinks and hard links may not point above the extraction directory; owners, modes, times and
 * extended attributes are kept. Unlike a layer, {@code .wh.} names are ordinary files here.
 *
 * <p>The tar is hostile: every parent directory is walked chroot-style by {@link RootedPaths}, so a
 * symlink in the tree or planted by an earlier entry can only lead elsewhere inside the root, and
 * files are created with O_EXCL so a symlink is never written through.
 */
public final class TreeExtractor {
    /** A fixed owner for every extracted entry (Docker's {@code copyUIDGID}). */
    public record Owner(int uid, int gid) {}

    public record Options(boolean noOverwriteDirNonDir, Optional<Owner> owner) {}

    private final RootedTree tree;

    public TreeExtractor(RootedTree tree) {
        this.tree = tree;
    }

    /** Extracts into {@code dest}, a real directory under the tree's root (as {@link RootedTree#follow} gives). */
    public void extract(InputStream tar, Path dest, Options options) {
        String destName = tree.inTree(dest);
        List<String> destComps = destName.equals("/") ? List.of() : List.of(destName.substring(1).split("/"));
        Run run = new Run(new RootedPaths(tree.root()), destComps, destName, options);
        RawPaxTarInputStream in;
        try {
            in = new RawPaxTarInputStream(Compression.decompress(tar));
        } catch (IOException e) {
            throw BerthException.invalid("invalid tar: " + e.getMessage(), e);
        }
        try {
            while (true) {
                TarArchiveEntry e;
                try {
                    e = in.getNextEntry();
                } catch (IOException | IllegalArgumentException ex) {
                    throw BerthException.invalid("invalid tar: " + ex.getMessage(), ex);
                }
                if (e == null) {
                    break;
                }
                run.entry(e, in);
            }
            run.finishDirectories();
        } catch (IOException e) {
            throw BerthException.internal("cannot extract into " + destName + ": " + e.getMessage(), e);
        }
    }

    private static final class Run {
        private final RootedPaths paths;
        private final List<String> destComps;
        private final String destName;
        private final Options options;
        private final EntryMetadata metadata = new EntryMetadata();

        Run(RootedPaths paths, List<String> destComps, String destName, Options options) {
            this.paths = paths;
            this.destComps = destComps;
            this.destName = destName;
            this.options = options;
        }

        void entry(TarArchiveEntry e, RawPaxTarInputStream in) throws IOException {
            if (e.isGlobalPaxHeader()) {
                return;
            }
            String name = e.getName();
            List<String> comps = belowDest(name, List.of(), "\"" + name + "\" is outside of \"" + destName + "\"");
            if (comps.isEmpty()) {
                if (!e.isDirectory()) {
                    throw BerthException.invalid("invalid tar: non-directory entry \"" + name
                            + "\" would replace the extraction directory " + destName);
                }
                return; // Docker merges into the existing extraction directory and keeps its metadata
            }
            String inTree = inTree(comps);
            List<String> parentComps = comps.subList(0, comps.size() - 1);
            Path parent = paths.directory(concat(destComps, parentComps), true, name).orElseThrow();
            Path target = parent.resolve(comps.getLast());
            BasicFileAttributes existing = RootedPaths.lstat(target);
            if (existing != null && options.noOverwriteDirNonDir()) {
                if (existing.isDirectory() && !e.isDirectory()) {
                    throw BerthException.invalid("cannot overwrite directory \"" + inTree + "\" with non-directory \""
                            + destName + "\"");
                }
                if (!existing.isDirectory() && e.isDirectory()) {
                    throw BerthException.invalid("cannot overwrite non-directory \"" + inTree + "\" with directory \""
                            + destName + "\"");
                }
            }
            if (e.isDirectory()) {
                if (existing == null || !existing.isDirectory()) {
                    LayerUnpacker.removeAll(target, existing);
                    Files.createDirectory(target);
                }
                applyMetadata(target, e, in);
                metadata.directory(target, e);
                return;
            }
            if (e.isLink()) {
                List<String> link = belowDest(e.getLinkName(), List.of(),
                        "invalid hardlink \"" + inTree + "\" -> \"" + e.getLinkName() + "\"");
                if (link.isEmpty()) {
                    throw BerthException.invalid("invalid hardlink \"" + inTree + "\" -> \"" + e.getLinkName() + "\"");
                }
                Optional<Path> dir = paths.directory(concat(destComps, link.subList(0, link.size() - 1)), false, name);
                Path source = dir.map(d -> d.resolve(link.getLast())).orElse(null);
                BasicFileAttributes sa = source == null ? null : RootedPaths.lstat(source);
                if (sa == null || sa.isDirectory()) {
                    throw BerthException.invalid("invalid tar: hard link \"" + name + "\" to \"" + e.getLinkName()
                            + "\", which is not a file extracted before it");
                }
                if (!source.equals(target)) {
                    LayerUnpacker.removeAll(target, existing);
                    Files.createLink(target, source);
                }
                return;
            }
            LayerUnpacker.removeAll(target, existing);
            if (e.isSymbolicLink()) {
                String to = e.getLinkName();
                if (to.isEmpty()) {
                    throw BerthException.invalid("invalid tar: symlink \"" + name + "\" has an empty target");
                }
                if (!to.startsWith("/") && !destComps.isEmpty()) {
                    // Docker's rule: a relative link may not point above the extraction directory.
                    belowDest(to, parentComps, "invalid symlink \"" + inTree + "\" -> \"" + to + "\"");
                }
                Files.createSymbolicLink(target, Path.of(to));
            } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                int type = e.isCharacterDevice() ? FileOps.S_IFCHR : e.isBlockDevice() ? FileOps.S_IFBLK : FileOps.S_IFIFO;
                long dev = e.isFIFO() ? 0 : FileOps.makedev(e.getDevMajor(), e.getDevMinor());
                FileOps.mknod(target, type | (e.getMode() & 07777), dev);
            } else if (e.isFile()) {
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    in.transferTo(out);
                }
            } else {
                throw BerthException.invalid("invalid tar: unsupported entry type for \"" + name + "\"");
            }
            applyMetadata(target, e, in);
            EntryMetadata.setTimes(target, e);
        }

        /**
         * The components of {@code name} below the extraction directory, starting from {@code base}
         * (components below it too); {@code ..} above it is refused with {@code breakout}.
         */
        private static List<String> belowDest(String name, List<String> base, String breakout) {
            if (name.indexOf('\0') >= 0) {
                throw BerthException.invalid("invalid tar: name contains a NUL byte: \"" + name + "\"");
            }
            List<String> out = new ArrayList<>(base);
            for (String c : name.split("/")) {
                if (c.isEmpty() || c.equals(".")) {
                    continue;
                }
                if (c.equals("..")) {
                    if (out.isEmpty()) {
                        throw BerthException.invalid(breakout);
                    }
                    out.removeLast();
                    continue;
                }
                out.add(c);
            }
            return out;
        }

        private String inTree(List<String> comps) {
            return (destName.equals("/") ? "" : destName) + "/" + String.join("/", comps);
        }

        private static List<String> concat(List<String> a, List<String> b) {
            List<String> out = new ArrayList<>(a);
            out.addAll(b);
            return out;
        }

        private void applyMetadata(Path p, TarArchiveEntry e, RawPaxTarInputStream in) throws IOException {
            int uid = options.owner().map(Owner::uid).orElse((int) e.getLongUserId());
            int gid = options.owner().map(Owner::gid).orElse((int) e.getLongGroupId());
            FileOps.lchown(p, uid, gid);
            if (!e.isSymbolicLink()) {
                FileOps.chmod(p, e.getMode() & 07777); // after chown, which clears setuid/setgid
            }
            for (Map.Entry<String, byte[]> x : in.rawXattrs().entrySet()) {
                EntryMetadata.setXattr(p, x.getKey(), x.getValue());
            }
        }

        void finishDirectories() throws IOException {
            metadata.finishDirectories();
        }
    }
}

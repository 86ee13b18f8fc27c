package berth.archive;

import berth.content.Digest;
import berth.errors.BerthException;
import berth.store.FileTrees;
import berth.sys.FileOps;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Unpacks an image layer (a tar stream, plain or gzip/bzip2/xz/zstd compressed) into a directory that
 * becomes an overlayfs lower layer.
 *
 * <p>Layer content is hostile input. Every entry name and hard-link target is resolved inside the root
 * by {@link RootedPaths} (chroot semantics: symlinks are followed only as if the root were {@code /});
 * {@code ..} above the root is refused; an existing entry in the way is removed, never written through;
 * files are created with O_EXCL so a planted symlink cannot redirect them. Ownership is numeric, modes
 * keep setuid/setgid/sticky, times and PAX {@code SCHILY.xattr.*} attributes are restored.
 *
 * <p>OCI whiteouts become overlayfs ones: {@code .wh.NAME} turns into a 0/0 character device NAME and
 * {@code .wh..wh..opq} into {@code trusted.overlay.opaque=y} on its directory.
 */
public final class LayerUnpacker {
    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";
    private static final String XATTR_PAX = "SCHILY.xattr.";
    private static final String LIBARCHIVE_XATTR_PAX = "LIBARCHIVE.xattr.";

    /** Unpacks {@code tar} into {@code root} (an existing, empty or partly filled directory). */
    public UnpackResult unpack(InputStream tar, Path root) {
        return unpack(tar, root, Optional.empty());
    }

    /**
     * Same, and copies the uncompressed tar stream byte for byte to {@code tarCopy} (for keeping the
     * layer blob that {@code docker save} must reproduce exactly).
     */
    public UnpackResult unpack(InputStream tar, Path root, Optional<OutputStream> tarCopy) {
        try {
            HashingStream hashed = new HashingStream(Compression.decompress(tar), tarCopy);
            RawPaxTarInputStream in = new RawPaxTarInputStream(hashed);
            Run run = new Run(new RootedPaths(root.toRealPath()), in);
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                run.entry(e, in);
            }
            run.finishDirectories();
            // The DiffID covers the whole stream, including the end-of-archive blocks and any padding.
            hashed.transferTo(OutputStream.nullOutputStream());
            return new UnpackResult(Digest.ofSha256(hashed.sha.digest()), run.size);
        } catch (BerthException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw BerthException.invalid("invalid tar: " + e.getMessage(), e);
        }
    }

    /** The state of one unpack: directories whose times are set last, the running size. */
    private static final class Run {
        private final RootedPaths paths;
        private final RawPaxTarInputStream tar;
        private final EntryMetadata metadata = new EntryMetadata();
        long size;

        Run(RootedPaths paths, RawPaxTarInputStream tar) {
            this.paths = paths;
            this.tar = tar;
        }

        void entry(TarArchiveEntry e, InputStream data) throws IOException {
            String name = e.getName();
            List<String> comps = RootedPaths.clean(name);
            if (comps.isEmpty()) {
                if (!e.isDirectory()) {
                    throw BerthException.invalid("invalid tar: non-directory entry \"" + name + "\" names the root");
                }
                applyMetadata(paths.root(), e);
                metadata.directory(paths.root(), e);
                return;
            }
            String base = comps.getLast();
            Path parent = paths.directory(comps.subList(0, comps.size() - 1), true, name).orElseThrow();
            if (base.startsWith(WHITEOUT_PREFIX)) {
                whiteout(parent, base, e, name);
                return;
            }
            Path target = parent.resolve(base);
            BasicFileAttributes existing = RootedPaths.lstat(target);
            if (e.isDirectory()) {
                if (existing == null || !existing.isDirectory()) {
                    removeAll(target, existing);
                    Files.createDirectory(target);
                }
                applyMetadata(target, e);
                metadata.directory(target, e);
                return;
            }
            if (e.isLink()) {
                hardLink(target, existing, e);
                return;
            }
            removeAll(target, existing);
            if (e.isSymbolicLink()) {
                if (e.getLinkName().isEmpty()) {
                    throw BerthException.invalid("invalid tar: symlink \"" + name + "\" has an empty target");
                }
                Files.createSymbolicLink(target, Path.of(e.getLinkName()));
            } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                int type = e.isCharacterDevice() ? FileOps.S_IFCHR : e.isBlockDevice() ? FileOps.S_IFBLK : FileOps.S_IFIFO;
                long dev = e.isFIFO() ? 0 : FileOps.makedev(e.getDevMajor(), e.getDevMinor());
                FileOps.mknod(target, type | (e.getMode() & 07777), dev);
            } else if (e.isFile()) {
                // CREATE_NEW is O_EXCL: it fails on anything already there, a dangling symlink included.
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    data.transferTo(out);
                }
                size += e.getSize();
            } else {
                throw BerthException.invalid("invalid tar: unsupported entry type '" + (char) linkFlag(e) + "' for \"" + name + "\"");
            }
            applyMetadata(target, e);
            EntryMetadata.setTimes(target, e);
        }

        private void whiteout(Path parent, String base, TarArchiveEntry e, String name) throws IOException {
            if (base.equals(OPAQUE)) {
                FileOps.lsetxattr(parent, "trusted.overlay.opaque", "y".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (base.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) {
                return; // other .wh..wh. names are aufs metadata (e.g. .wh..wh.plnk); overlay has no use for them
            }
            String hidden = base.substring(WHITEOUT_PREFIX.length());
            if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
                throw BerthException.invalid("invalid tar: malformed whiteout \"" + name + "\"");
            }
            Path target = parent.resolve(hidden);
            removeAll(target, RootedPaths.lstat(target));
            FileOps.mknod(target, FileOps.S_IFCHR, 0);
            FileOps.lchown(target, (int) e.getLongUserId(), (int) e.getLongGroupId());
        }

        private void hardLink(Path target, BasicFileAttributes existing, TarArchiveEntry e) throws IOException {
            String name = e.getName();
            List<String> linkComps = RootedPaths.clean(e.getLinkName());
            if (linkComps.isEmpty()) {
                throw BerthException.invalid("invalid tar: hard link \"" + name + "\" points at the root");
            }
            Optional<Path> dir = paths.directory(linkComps.subList(0, linkComps.size() - 1), false, e.getLinkName());
            Path source = dir.map(d -> d.resolve(linkComps.getLast())).orElse(null);
            BasicFileAttributes sa = source == null ? null : RootedPaths.lstat(source);
            if (sa == null) {
                throw BerthException.invalid("invalid tar: hard link \"" + name + "\" to \"" + e.getLinkName()
                        + "\", which is not in the layer");
            }
            if (sa.isDirectory()) {
                throw BerthException.invalid("invalid tar: hard link \"" + name + "\" to directory \"" + e.getLinkName() + "\"");
            }
            if (source.equals(target)) {
                return;
            }
            removeAll(target, existing);
            // link(2) on Linux does not follow a symlink source: the link itself is linked.
            Files.createLink(target, source);
        }

        private void applyMetadata(Path p, TarArchiveEntry e) throws IOException {
            FileOps.lchown(p, (int) e.getLongUserId(), (int) e.getLongGroupId());
            if (!e.isSymbolicLink()) {
                // after chown, which clears setuid/setgid
                FileOps.chmod(p, e.getMode() & 07777);
            }
            for (Map.Entry<String, String> h : e.getExtraPaxHeaders().entrySet()) {
                String key = h.getKey();
                if (key.startsWith(XATTR_PAX)) {
                    // the raw bytes: binary values (security.capability) do not survive a UTF-8 decode
                    String attr = key.substring(XATTR_PAX.length());
                    byte[] raw = tar.rawXattrs().get(attr);
                    EntryMetadata.setXattr(p, attr, raw != null ? raw : h.getValue().getBytes(StandardCharsets.UTF_8));
                } else if (key.startsWith(LIBARCHIVE_XATTR_PAX)) {
                    EntryMetadata.setXattr(p, key.substring(LIBARCHIVE_XATTR_PAX.length()), Base64.getDecoder().decode(h.getValue()));
                }
            }
        }


        void finishDirectories() throws IOException {
            metadata.finishDirectories();
        }

        private static int linkFlag(TarArchiveEntry e) {
            return e.isGNUSparse() ? 'S' : e.isGlobalPaxHeader() ? 'g' : '?';
        }
    }

    /** Deletes whatever is at {@code p} (a whole tree for a directory) without following symlinks. */
    static void removeAll(Path p, BasicFileAttributes existing) throws IOException {
        if (existing == null) {
            return;
        }
        if (!existing.isDirectory() || existing.isSymbolicLink()) {
            Files.delete(p);
            return;
        }
        FileTrees.deleteRecursively(p);
    }

    /** Hashes (and optionally copies) every byte read through it. */
    private static final class HashingStream extends FilterInputStream {
        final MessageDigest sha = Digest.newSha256();
        private final Optional<OutputStream> copy;

        HashingStream(InputStream in, Optional<OutputStream> copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                sha.update((byte) b);
                if (copy.isPresent()) {
                    copy.get().write(b);
                }
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                sha.update(b, off, n);
                if (copy.isPresent()) {
                    copy.get().write(b, off, n);
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipping would bypass the hash: read and discard instead.
            byte[] buf = new byte[(int) Math.min(n, 8192)];
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}

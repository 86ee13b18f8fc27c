package berth.archive;

import static berth.archive.UnixFileTypes.S_IFBLK;
import static berth.archive.UnixFileTypes.S_IFCHR;
import static berth.archive.UnixFileTypes.S_IFDIR;
import static berth.archive.UnixFileTypes.S_IFIFO;
import static berth.archive.UnixFileTypes.S_IFLNK;
import static berth.archive.UnixFileTypes.S_IFMT;
import static berth.archive.UnixFileTypes.S_IFREG;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a file or a directory tree as a tar stream, the way Docker's {@code TarWithOptions} does for
 * {@code docker cp} and {@code docker export}: entries in lexical order, directories with a trailing
 * slash, numeric owners, modification times to the second, a second name of a multiply linked file
 * as a hard link to the first, devices and FIFOs as such, sockets left out. Nothing is followed: a
 * symlink is written as a symlink and never descended into.
 */
public final class TreeArchiver {

    private final TarArchiveOutputStream tar;
    /** (device, inode) of multiply linked files already written → their name in the archive. */
    private final Map<List<Long>, String> linked = new HashMap<>();

    private TreeArchiver(OutputStream out) {
        // The caller owns `out`: finishing the archive must not close it.
        tar = new TarArchiveOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        });
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /**
     * Writes {@code source} and, when it is a directory, everything beneath it. With a {@code topName}
     * the source itself is the first entry, named so, and the rest are {@code topName/relative/path};
     * without one the source itself is left out and entries are named by their relative path (export).
     */
    public static void write(Path source, Optional<String> topName, OutputStream out) throws IOException {
        TreeArchiver w = new TreeArchiver(out);
        Map<String, Object> a = Files.readAttributes(source, UnixFileTypes.ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        if (topName.isPresent()) {
            w.entry(source, topName.get(), a);
        }
        if (((int) a.get("mode") & S_IFMT) == S_IFDIR) {
            w.children(source, topName.map(t -> t + "/").orElse(""));
        }
        w.tar.finish();
        w.tar.flush();
    }

    private void children(Path dir, String prefix) throws IOException {
        List<Path> sorted;
        try (Stream<Path> s = Files.list(dir)) {
            sorted = s.sorted((x, y) -> x.getFileName().toString().compareTo(y.getFileName().toString())).toList();
        }
        for (Path child : sorted) {
            Map<String, Object> a = Files.readAttributes(child, UnixFileTypes.ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            String name = prefix + child.getFileName();
            entry(child, name, a);
            if (((int) a.get("mode") & S_IFMT) == S_IFDIR) {
                children(child, name + "/");
            }
        }
    }

    private void entry(Path p, String name, Map<String, Object> a) throws IOException {
        int mode = (int) a.get("mode");
        int type = mode & S_IFMT;
        TarArchiveEntry e;
        switch (type) {
            case S_IFDIR -> e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true);
            case S_IFLNK -> {
                e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
                e.setLinkName(Files.readSymbolicLink(p).toString());
            }
            case S_IFREG -> {
                List<Long> key = List.of(((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue());
                String first = (int) a.get("nlink") > 1 ? linked.putIfAbsent(key, name) : null;
                if (first != null) {
                    e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
                    e.setLinkName(first);
                } else {
                    e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
                    e.setSize((long) a.get("size"));
                }
            }
            case S_IFCHR, S_IFBLK -> {
                e = new TarArchiveEntry(name, type == S_IFCHR ? TarConstants.LF_CHR : TarConstants.LF_BLK, true);
                long rdev = ((Number) a.get("rdev")).longValue();
                e.setDevMajor((int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL)));
                e.setDevMinor((int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL)));
            }
            case S_IFIFO -> e = new TarArchiveEntry(name, TarConstants.LF_FIFO, true);
            default -> {
                return; // sockets cannot be archived; Docker leaves them out too
            }
        }
        e.setMode(mode & 07777);
        e.setUserId(((Number) a.get("uid")).longValue());
        e.setGroupId(((Number) a.get("gid")).longValue());
        Instant mtime = ((FileTime) a.get("lastModifiedTime")).toInstant().truncatedTo(ChronoUnit.SECONDS);
        e.setModTime(FileTime.from(mtime));
        tar.putArchiveEntry(e);
        if (e.isFile() && e.getSize() > 0) {
            copyExactly(p, e.getSize());
        }
        tar.closeArchiveEntry();
    }

    /** Copies the size recorded in the header: a file that grows meanwhile is cut, one that shrinks is padded. */
    private void copyExactly(Path p, long size) throws IOException {
        byte[] buf = new byte[64 << 10];
        long left = size;
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    break;
                }
                tar.write(buf, 0, n);
                left -= n;
            }
        }
        java.util.Arrays.fill(buf, (byte) 0);
        while (left > 0) {
            int n = (int) Math.min(buf.length, left);
            tar.write(buf, 0, n);
            left -= n;
        }
    }
}

package berth.archive;

import berth.sys.ErrnoException;
import berth.sys.FileOps;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * What both extractors (layers and docker cp) do with a tar entry's metadata: times, extended
 * attributes, and directory times kept for last, because creating entries inside a directory
 * changes its mtime.
 */
final class EntryMetadata {
    private final List<Map.Entry<Path, TarArchiveEntry>> directories = new ArrayList<>();

    /** Remembers a directory whose times {@link #finishDirectories} sets. */
    void directory(Path p, TarArchiveEntry e) {
        directories.add(Map.entry(p, e));
    }

    /** Directory times last, innermost first; a directory replaced meanwhile is skipped. */
    void finishDirectories() throws IOException {
        for (Map.Entry<Path, TarArchiveEntry> d : directories.reversed()) {
            if (RootedPaths.lstat(d.getKey()) instanceof BasicFileAttributes a && a.isDirectory() && !a.isSymbolicLink()) {
                setTimes(d.getKey(), d.getValue());
            }
        }
    }

    static void setTimes(Path p, TarArchiveEntry e) throws IOException {
        Instant mtime = e.getLastModifiedTime() == null ? Instant.EPOCH : e.getLastModifiedTime().toInstant();
        Instant atime = e.getLastAccessTime() == null ? mtime : e.getLastAccessTime().toInstant();
        FileOps.setTimes(p, atime, mtime);
    }

    /** Docker ignores attributes the filesystem cannot hold (e.g. user.* on a symlink). */
    static void setXattr(Path p, String name, byte[] value) throws IOException {
        try {
            FileOps.lsetxattr(p, name, value);
        } catch (ErrnoException ex) {
            if (ex.errno() != FileOps.ENOTSUP && ex.errno() != ErrnoException.EPERM) {
                throw ex;
            }
        }
    }
}

package berth.build.copy;

import java.util.Map;
import java.util.Objects;

/**
 * One thing a copied source holds, whatever its origin: the source itself ({@code path} ""), or an
 * entry below a source directory, with the metadata the copy writes (owners may be replaced, see
 * {@link EntryHeaders}).
 *
 * @param path        slash-separated, relative to the source
 * @param linkTarget  a symlink's target as stored; for a hard link the path (relative to the source) of
 *                    the entry it links to
 * @param xattrs      extended attributes to copy (raw values)
 */
record ItemEntry(String path, Kind kind, int mode, long uid, long gid, long size, String linkTarget,
                 Map<String, byte[]> xattrs, long mtimeSeconds) {
    enum Kind { FILE, DIRECTORY, SYMLINK, HARD_LINK, FIFO }

    ItemEntry {
        Objects.requireNonNull(path);
        Objects.requireNonNull(kind);
        linkTarget = linkTarget == null ? "" : linkTarget;
        xattrs = xattrs == null ? Map.of() : Map.copyOf(xattrs);
    }
}

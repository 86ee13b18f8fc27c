package berth.build.context;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a COPY/ADD source copies: the source itself, or an entry below a source directory.
 * Symlinks below a directory are entries of their own (copied as links, never followed).
 *
 * @param path the path below the source ("" for the source itself), slash-separated
 * @param hostPath where it is on this host, inside the context directory
 * @param type what it is
 * @param mode the permission bits (07777)
 * @param size the size of a file's content, 0 otherwise
 * @param linkTarget a symlink's target as stored
 */
public record SourceEntry(String path, Path hostPath, Type type, int mode, int uid, int gid, long size,
        Optional<String> linkTarget) {
    public enum Type { FILE, DIRECTORY, SYMLINK, OTHER }

    public SourceEntry {
        Objects.requireNonNull(path);
        Objects.requireNonNull(hostPath);
        Objects.requireNonNull(type);
        Objects.requireNonNull(linkTarget);
    }
}

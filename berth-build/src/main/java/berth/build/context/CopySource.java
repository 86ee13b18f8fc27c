package berth.build.context;

import java.nio.file.Path;
import java.util.List;

/**
 * One path a COPY/ADD source names (or one its wildcard matched), with symlinks in it followed
 * inside the context, as Docker copies the target of a source that is a symlink.
 *
 * @param name its path in the context as named or matched ({@code src/a.txt}); a file copied into a
 *     directory keeps this name's last element
 * @param hostPath the followed path on this host
 * @param directory true when it is a directory, whose contents are copied
 * @param entries what is copied: for a file the file alone, for a directory the directory then
 *     everything below it that the {@code .dockerignore} does not exclude, parents before children
 * @param digest {@code sha256:<hex>} of the name and every entry's path, type, mode, owner, size,
 *     extended attributes, link target and content (not times, as in Docker's tarsum)
 */
public record CopySource(String name, Path hostPath, boolean directory, List<SourceEntry> entries, String digest) {
    public CopySource {
        entries = List.copyOf(entries);
    }
}

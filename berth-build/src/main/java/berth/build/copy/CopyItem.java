package berth.build.copy;

import java.io.IOException;
import java.io.InputStream;

/**
 * One source of a COPY/ADD step once selected: a file (or what a symlink source leads to), a directory
 * whose contents are copied, an inline heredoc file, or, for ADD, a local archive to unpack.
 */
interface CopyItem {
    /** What each entry is handed over with: its metadata, and for a file its content (read it before returning). */
    @FunctionalInterface
    interface EntryVisitor {
        void entry(ItemEntry entry, InputStream content) throws IOException;
    }

    /** The name a file keeps when copied into a directory (the last element of the source as named). */
    String name();

    boolean directory();

    /** ADD only: a tar (maybe compressed) that is unpacked at the destination instead of copied. */
    default boolean archive() {
        return false;
    }

    /** Docker's history form of this source: {@code file:<hex>} or {@code dir:<hex>}. */
    String historyHash();

    /** What the layer cache keys this source on: name, content, modes, owners, links; never times. */
    String digest();

    /** The entries, parents before children; for a file, one entry with path "". */
    void entries(EntryVisitor visitor) throws IOException;

    /** The raw bytes of an {@link #archive()} source. */
    default InputStream openArchive() throws IOException {
        throw new UnsupportedOperationException("not an archive: " + name());
    }
}

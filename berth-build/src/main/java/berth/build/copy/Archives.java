package berth.build.copy;

import berth.archive.Compression;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Tells ADD's archives from other files by content, as Docker's {@code isArchivePath} does: after
 * undoing gzip, bzip2, xz or zstd (by their magic bytes), the first tar header must read. The name
 * does not matter: {@code x.tar.gz} holding text is copied, a tar named {@code data} is unpacked.
 */
final class Archives {
    private Archives() {}

    static boolean isArchive(InputStream raw) {
        try (InputStream in = Compression.decompress(raw);
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            return tar.getNextEntry() != null;
        } catch (IOException | RuntimeException e) {
            return false; // not compressed as claimed, or no valid header: an ordinary file
        }
    }
}

package berth.runtime.runc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a spool reader stopped: the file (by inode, which survives the renames of rotation) and the
 * byte offset after the last acknowledged entry in it. Stored as one line, {@code "<inode> <offset>\n"}.
 */
record SpoolCursor(long inode, long offset) {
    SpoolCursor {
        if (offset < 0) {
            throw new IllegalArgumentException("negative spool offset " + offset);
        }
    }

    /** The stored cursor; empty when there is none or it is unreadable (then reading starts at the oldest data). */
    static Optional<SpoolCursor> read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String[] parts = text.split(" ");
        try {
            return parts.length == 2
                    ? Optional.of(new SpoolCursor(Long.parseLong(parts[0]), Long.parseLong(parts[1])))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Replaces the stored cursor by rename, without fsync: it is written often (each time the reader waits),
     * and a cursor lost to a machine crash only makes the reader start at older data, so lines may repeat
     * but none is lost. The daemon's own crash loses nothing: the rename is atomic.
     */
    void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, (inode + " " + offset + "\n").getBytes(StandardCharsets.US_ASCII));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}

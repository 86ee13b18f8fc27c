package berth.runtime.runc;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which file a log path names, by inode: conmon replaces its log file by renaming a new one over the
 * path, so the name alone does not say whether an open channel still reads the current file.
 */
final class LogFileIdentity {
    private LogFileIdentity() {}

    /** An open log file and the inode it was opened at. */
    record Opened(FileChannel channel, long inode) {
        void closeQuietly() {
            try {
                channel.close();
            } catch (IOException e) {
                // a read-only channel has nothing to flush
            }
        }
    }

    static OptionalLong inode(Path path) throws IOException {
        try {
            return OptionalLong.of((Long) Files.getAttribute(path, "unix:ino"));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Opens {@code path} and tells which inode the channel reads: the path's inode is the same before
     * and after the open, so the channel cannot have opened a file that was replaced in between.
     */
    static Optional<Opened> open(Path path) throws IOException {
        while (true) {
            OptionalLong before = inode(path);
            if (before.isEmpty()) {
                return Optional.empty();
            }
            FileChannel channel;
            try {
                channel = FileChannel.open(path, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                continue;
            }
            OptionalLong after = inode(path);
            if (after.equals(before)) {
                return Optional.of(new Opened(channel, after.getAsLong()));
            }
            channel.close();
        }
    }
}

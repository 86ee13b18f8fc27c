package berth.logging.logfile;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * One open file of a log, held by a reader: open descriptors survive the writer renaming or deleting
 * the file, so a reader keeps what it opened.
 *
 * @param generation which file this is ({@link RotatingLogFile} numbers them; the live file has the highest)
 * @param compressed a gzip file (read as a stream, never growing)
 */
record Segment(long generation, FileChannel channel, boolean compressed) implements Closeable {
    @Override
    public void close() throws IOException {
        channel.close();
    }
}

package berth.logging.logfile;

import berth.logs.LogEntry;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Optional;

/** How one driver's records are laid out in its files: found, decoded, and counted back from the end. */
public interface RecordFormat {
    /** The length of the complete record starting at {@code off}, or -1 when {@code len} bytes do not hold one yet. */
    int recordLength(byte[] buf, int off, int len) throws IOException;

    /** The entry a complete record holds; empty for a record to skip (a damaged line). */
    Optional<LogEntry> decode(byte[] buf, int off, int len) throws IOException;

    /**
     * Where the last {@code n} records of the first {@code size} bytes of {@code file} start, for
     * {@code --tail}; {@link TailStart#found()} is fewer than {@code n} when the file holds fewer.
     */
    TailStart tailStart(FileChannel file, long size, int n) throws IOException;

    /**
     * How many leading bytes of {@code file} hold only complete records: less than {@code size} when a write
     * was torn (the daemon died mid-write), so the writer can cut the torn piece off before appending.
     */
    long completeLength(FileChannel file, long size) throws IOException;

    /** @param offset where reading starts; @param found how many records lie from there to the end */
    record TailStart(long offset, int found) {}
}

package berth.logging.jsonfile;

import berth.logging.logfile.RecordFormat;
import berth.logs.LogEntry;
import berth.logs.StreamType;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** json-file records: one JSON object per line. A line that does not parse (a torn write before a crash) is skipped. */
final class JsonLogFormat implements RecordFormat {
    static final JsonLogFormat INSTANCE = new JsonLogFormat();
    private static final JsonFactory JSON = new JsonFactory();
    private static final int BLOCK = 64 * 1024;

    @Override
    public int recordLength(byte[] buf, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (buf[i] == '\n') {
                return i - off + 1;
            }
        }
        return -1;
    }

    @Override
    public Optional<LogEntry> decode(byte[] buf, int off, int len) throws IOException {
        LogEntry fast = new JsonLineParser(buf, off, len).parse();
        return fast != null ? Optional.of(fast) : decodeFully(buf, off, len);
    }

    /** Any JSON object: a line another writer (or a future Docker) laid out differently. */
    Optional<LogEntry> decodeFully(byte[] buf, int off, int len) throws IOException {
        byte[] log = new byte[0];
        StreamType stream = null;
        Instant time = null;
        try (JsonParser p = JSON.createParser(buf, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "log" -> log = p.getText().getBytes(StandardCharsets.UTF_8);
                    case "stream" -> stream = switch (p.getText()) {
                        case "stdout" -> StreamType.STDOUT;
                        case "stderr" -> StreamType.STDERR;
                        default -> null;
                    };
                    case "time" -> time = parseTime(p.getText());
                    default -> {
                        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                            p.skipChildren();
                        }
                    }
                }
            }
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (stream == null || time == null) {
            return Optional.empty();
        }
        return Optional.of(new LogEntry(stream, time, log));
    }

    private static Instant parseTime(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(s).toInstant();
        }
    }

    /** Up to the last newline. */
    @Override
    public long completeLength(FileChannel file, long size) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        for (long blockEnd = size; blockEnd > 0; ) {
            long blockStart = Math.max(0, blockEnd - BLOCK);
            block.clear().limit((int) (blockEnd - blockStart));
            while (block.hasRemaining()) {
                if (file.read(block, blockStart + block.position()) < 0) {
                    throw new IOException("log file shrank while checking its end");
                }
            }
            for (int i = block.limit() - 1; i >= 0; i--) {
                if (block.get(i) == '\n') {
                    return blockStart + i + 1;
                }
            }
            blockEnd = blockStart;
        }
        return 0;
    }

    /** Counts newlines back from the end, a block at a time (Docker's {@code tailfile}). */
    @Override
    public TailStart tailStart(FileChannel file, long size, int n) throws IOException {
        if (n <= 0 || size == 0) {
            return new TailStart(size, 0);
        }
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        long blockEnd = size;
        int found = 0;
        boolean skipLast = true;
        while (blockEnd > 0) {
            long blockStart = Math.max(0, blockEnd - BLOCK);
            block.clear().limit((int) (blockEnd - blockStart));
            while (block.hasRemaining()) {
                if (file.read(block, blockStart + block.position()) < 0) {
                    throw new IOException("log file shrank while reading its tail");
                }
            }
            byte[] b = block.array();
            for (int i = (int) (blockEnd - blockStart) - 1; i >= 0; i--) {
                if (b[i] != '\n') {
                    continue;
                }
                if (skipLast && blockStart + i == size - 1) {
                    continue; // the newline that ends the last line
                }
                found++;
                if (found == n) {
                    return new TailStart(blockStart + i + 1, n);
                }
            }
            skipLast = false;
            blockEnd = blockStart;
        }
        return new TailStart(0, found + 1);
    }
}

package berth.logging.local;

import berth.logging.logfile.RecordFormat;
import berth.logs.LogEntry;
import berth.logs.StreamType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * local-driver records: length-framed protobuf {@link LocalEntry}s. A line comes back with its newline
 * unless it is a piece that the next record continues (dockerd 20.10 also drops the newline of the last
 * piece of a long line; we keep it, so concatenated pieces give the bytes written).
 */
final class LocalLogFormat implements RecordFormat {
    static final LocalLogFormat INSTANCE = new LocalLogFormat();
    private static final int FRAME = LocalEntryCodec.FRAME;

    @Override
    public int recordLength(byte[] buf, int off, int len) throws IOException {
        if (len < FRAME) {
            return -1;
        }
        int size = LocalEntryCodec.readInt(buf, off);
        if (size < 0 || size > LocalEntryCodec.MAX_MESSAGE) {
            throw new IOException("log message is too large (" + Integer.toUnsignedString(size) + " > "
                    + LocalEntryCodec.MAX_MESSAGE + ")");
        }
        return len >= size + 2 * FRAME ? size + 2 * FRAME : -1;
    }

    @Override
    public Optional<LogEntry> decode(byte[] buf, int off, int len) throws IOException {
        int size = len - 2 * FRAME;
        if (LocalEntryCodec.readInt(buf, off + FRAME + size) != size) {
            throw new IOException("log message header and footer indicate different message sizes");
        }
        LocalEntry e = LocalEntryCodec.decode(buf, off + FRAME, size);
        StreamType stream = switch (e.source()) {
            case "stdout" -> StreamType.STDOUT;
            case "stderr" -> StreamType.STDERR;
            default -> null;
        };
        if (stream == null) {
            return Optional.empty();
        }
        boolean continued = e.partial() && e.partialMetadata().map(md -> !md.last()).orElse(true);
        byte[] data = continued ? e.line() : Arrays.copyOf(e.line(), e.line().length + 1);
        if (!continued) {
            data[data.length - 1] = '\n';
        }
        Instant time = Instant.ofEpochSecond(Math.floorDiv(e.timeNano(), 1_000_000_000L), Math.floorMod(e.timeNano(), 1_000_000_000L));
        return Optional.of(new LogEntry(stream, time, data));
    }

    /** The last frame checked from the end; when it does not match, frames counted from the start. */
    @Override
    public long completeLength(FileChannel file, long size) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(FRAME);
        if (size == 0) {
            return 0;
        }
        if (size >= 2 * FRAME) {
            long header = size - 2 * FRAME - Integer.toUnsignedLong(readFrame(file, frame, size - FRAME));
            if (header >= 0 && readFrame(file, frame, header) == readFrame(file, frame, size - FRAME)) {
                return size;
            }
        }
        long offset = 0;
        while (offset + 2 * FRAME <= size) {
            long length = Integer.toUnsignedLong(readFrame(file, frame, offset));
            long next = offset + 2 * FRAME + length;
            if (next > size || readFrame(file, frame, next - FRAME) != (int) length) {
                break;
            }
            offset = next;
        }
        return offset;
    }

    /** Walks back footer to header (Docker's local {@code getTailReader}). */
    @Override
    public TailStart tailStart(FileChannel file, long size, int n) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(FRAME);
        long offset = size;
        int found = 0;
        while (found < n && offset >= 2 * FRAME) {
            int footer = readFrame(file, frame, offset - FRAME);
            long header = offset - 2 * FRAME - Integer.toUnsignedLong(footer);
            if (header < 0 || readFrame(file, frame, header) != footer) {
                throw new IOException("log message header and footer indicate different message sizes");
            }
            found++;
            offset = header;
        }
        return new TailStart(offset, found);
    }

    private static int readFrame(FileChannel file, ByteBuffer frame, long at) throws IOException {
        frame.clear();
        while (frame.hasRemaining()) {
            if (file.read(frame, at + frame.position()) < 0) {
                throw new IOException("unexpected number of bytes read from log message footer");
            }
        }
        return frame.getInt(0);
    }
}

package berth.logging.fluentd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Encodes one event in the Forward protocol's Message mode: {@code [tag, time, record, option]}, as
 * fluent-logger-golang does. {@code time} is whole seconds, or Fluentd's EventTime (ext type 0: seconds
 * and nanoseconds, both big-endian uint32) with sub-second precision. The option map is empty, or
 * {@code {"chunk": id}} when an acknowledgement is wanted.
 */
final class ForwardEncoder {
    /** Fluentd's EventTime extension type. */
    static final byte EVENT_TIME = 0;
    static final String LOG = "log";

    private final boolean subSecondPrecision;

    ForwardEncoder(boolean subSecondPrecision) {
        this.subSecondPrecision = subSecondPrecision;
    }

    /**
     * The event's bytes. {@code line} becomes the record's {@code log} as raw bytes, so a line that is
     * not UTF-8 reaches the server unchanged (Go sends it so), unless {@code record} has its own
     * {@code log} (an extra attribute of that name replaces the line, as in Docker).
     */
    byte[] encode(String tag, Instant time, Map<String, String> record, byte[] line, Optional<String> chunk) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            packer.packArrayHeader(4);
            packer.packString(tag);
            if (subSecondPrecision) {
                packer.packExtensionTypeHeader(EVENT_TIME, 8);
                packer.addPayload(ByteBuffer.allocate(8)
                        .putInt((int) time.getEpochSecond())
                        .putInt(time.getNano())
                        .array());
            } else {
                packer.packLong(time.getEpochSecond());
            }
            boolean withLine = !record.containsKey(LOG);
            packer.packMapHeader(record.size() + (withLine ? 1 : 0));
            for (Map.Entry<String, String> e : record.entrySet()) {
                packer.packString(e.getKey());
                packer.packString(e.getValue());
            }
            if (withLine) {
                packer.packString(LOG);
                packer.packRawStringHeader(line.length);
                packer.addPayload(line);
            }
            packer.packMapHeader(chunk.isPresent() ? 1 : 0);
            if (chunk.isPresent()) {
                packer.packString("chunk");
                packer.packString(chunk.get());
            }
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a fluentd message in memory", e);
        }
    }
}

package berth.logging.local;

import berth.logging.logfile.FileLogDriver;
import berth.logging.logfile.RotatingLogFile;
import berth.logs.StreamType;
import berth.logs.driver.LogMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Docker's {@code local} driver: protobuf records in rotated (by default compressed) files. A line that
 * arrives in pieces is stored as Docker's copier marks it: every piece {@code partial}, sharing a random
 * 64-hex id, ordinals from 1, the final piece {@code last}; each stream has its own pieces in flight.
 */
final class LocalDriver extends FileLogDriver {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LocalEntryCodec codec = new LocalEntryCodec();
    private final Map<StreamType, Pieces> inFlight = new EnumMap<>(StreamType.class);

    LocalDriver(RotatingLogFile file) {
        super(file, LocalLogFormat.INSTANCE);
    }

    /** A line being written in pieces: its id and the ordinal of the next piece. */
    private static final class Pieces {
        final String id = randomId();
        int ordinal = 1;
    }

    @Override
    public void log(LogMessage m) throws IOException {
        Optional<LocalEntry.PartialMetadata> md = Optional.empty();
        Pieces pieces = inFlight.get(m.stream());
        if (m.partial()) {
            if (pieces == null) {
                pieces = new Pieces();
                inFlight.put(m.stream(), pieces);
            }
            md = Optional.of(new LocalEntry.PartialMetadata(false, pieces.id, pieces.ordinal++));
        } else if (pieces != null) {
            md = Optional.of(new LocalEntry.PartialMetadata(true, pieces.id, pieces.ordinal));
            inFlight.remove(m.stream());
        }
        String source = m.stream() == StreamType.STDERR ? "stderr" : "stdout";
        long nanos = Math.addExact(Math.multiplyExact(m.timestamp().getEpochSecond(), 1_000_000_000L), m.timestamp().getNano());
        byte[] record = codec.encode(new LocalEntry(source, nanos, m.line(), md.isPresent(), md));
        file().write(ByteBuffer.wrap(record, 0, codec.length()), m.timestamp());
    }

    private static String randomId() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}

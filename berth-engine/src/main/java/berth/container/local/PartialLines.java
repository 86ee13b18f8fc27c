package berth.container.local;

import berth.logs.StreamType;
import berth.logs.driver.LogMessage;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Makes Docker's lines of conmon's pieces. conmon cuts its output wherever a read of the container's pipe
 * ended (8 KiB at most), marking the cut pieces partial; dockerd's copier gives a driver whole lines up to
 * 16 KiB and cuts only longer ones. So pieces of one stream are held and joined until their line ends, and
 * a line is handed on in 16 KiB partial pieces when it is longer. {@link #release} hands on what is held as
 * partial pieces, for when no more output is at hand (nothing is held across a point where the spool's
 * position may be persisted). One instance per shipper; not thread-safe.
 */
final class PartialLines {
    /** dockerd's bufio size for the copier: longer lines reach a driver cut into pieces of this size. */
    static final int MAX_LINE = 16 * 1024;

    private final Map<StreamType, Held> held = new EnumMap<>(StreamType.class);

    private static final class Held {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Instant first;
    }

    /** The messages a spooled piece completes (none while its line goes on). */
    List<LogMessage> add(LogMessage m) {
        Held h = held.get(m.stream());
        if (h == null && !m.partial() && m.line().length <= MAX_LINE) {
            return List.of(m); // the common case: a whole line, handed on as it is
        }
        if (h == null) {
            h = new Held();
            held.put(m.stream(), h);
        }
        if (h.bytes.size() == 0) {
            h.first = m.timestamp();
        }
        h.bytes.writeBytes(m.line());
        List<LogMessage> out = new ArrayList<>();
        byte[] all = h.bytes.toByteArray();
        int off = 0;
        while (all.length - off > MAX_LINE || (m.partial() && all.length - off == MAX_LINE)) {
            out.add(new LogMessage(m.stream(), java.util.Arrays.copyOfRange(all, off, off + MAX_LINE), h.first, true));
            off += MAX_LINE;
        }
        h.bytes.reset();
        if (m.partial()) {
            h.bytes.write(all, off, all.length - off);
        } else {
            out.add(new LogMessage(m.stream(), java.util.Arrays.copyOfRange(all, off, all.length), h.first, false));
        }
        return out;
    }

    /** What is held, as partial pieces (their lines go on in later messages). */
    List<LogMessage> release() {
        if (held.isEmpty()) {
            return List.of();
        }
        List<LogMessage> out = new ArrayList<>();
        for (Map.Entry<StreamType, Held> e : held.entrySet()) {
            Held h = e.getValue();
            if (h.bytes.size() > 0) {
                out.add(new LogMessage(e.getKey(), h.bytes.toByteArray(), h.first, true));
                h.bytes.reset();
            }
        }
        held.clear();
        return out;
    }
}

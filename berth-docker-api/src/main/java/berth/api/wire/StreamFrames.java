package berth.api.wire;

import berth.logs.LogEntry;
import java.nio.charset.StandardCharsets;

/**
 * Container output on the wire. Without a TTY each chunk is a frame with Docker's 8-byte header
 * {@code [stream, 0, 0, 0, length as uint32 big-endian]}; with a TTY the bytes go raw.
 */
public final class StreamFrames {
    public static final String RAW = "application/vnd.docker.raw-stream";
    public static final String MULTIPLEXED = "application/vnd.docker.multiplexed-stream";

    private StreamFrames() {}

    /** The bytes of one entry, with an RFC3339Nano timestamp and space first when asked. */
    public static byte[] encode(LogEntry e, boolean tty, boolean timestamps) {
        byte[] payload = e.data();
        if (timestamps) {
            byte[] ts = (Times.logTimestamp(e.time()) + " ").getBytes(StandardCharsets.US_ASCII);
            byte[] joined = new byte[ts.length + payload.length];
            System.arraycopy(ts, 0, joined, 0, ts.length);
            System.arraycopy(payload, 0, joined, ts.length, payload.length);
            payload = joined;
        }
        if (tty) {
            return payload;
        }
        byte[] frame = new byte[8 + payload.length];
        frame[0] = (byte) e.stream().wireId();
        int n = payload.length;
        frame[4] = (byte) (n >>> 24);
        frame[5] = (byte) (n >>> 16);
        frame[6] = (byte) (n >>> 8);
        frame[7] = (byte) n;
        System.arraycopy(payload, 0, frame, 8, n);
        return frame;
    }
}

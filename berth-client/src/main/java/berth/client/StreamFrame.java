package berth.client;

import java.util.Objects;

/**
 * One frame of Docker's multiplexed stream: which stream (0 stdin, 1 stdout, 2 stderr, 3 the
 * daemon's own error report) and the payload.
 */
public record StreamFrame(int stream, byte[] payload) {
    public static final int STDIN = 0;
    public static final int STDOUT = 1;
    public static final int STDERR = 2;
    public static final int SYSTEM_ERROR = 3;

    public StreamFrame {
        Objects.requireNonNull(payload, "payload");
    }
}

package berth.api.routes;

import berth.container.DetachKeys;
import java.io.ByteArrayOutputStream;

/**
 * Watches a TTY client's keystrokes for the detach sequence, as Docker's escape proxy does. Bytes
 * that might begin the sequence are held back until the next byte shows whether the sequence goes
 * on; when it does not, they are passed on after all, so a lone ctrl-p still reaches the process.
 * The sequence itself is never passed on. Not thread-safe: one caller feeds the client's bytes in order.
 */
final class EscapeWatcher {
    /** What to pass to the process, and whether the sequence was completed (nothing after it counts). */
    record Result(byte[] forward, boolean detached) {}

    private final byte[] keys;
    /** How many bytes of the sequence have been seen (and held back) so far. */
    private int matched;
    private boolean detached;

    EscapeWatcher(DetachKeys keys) {
        this.keys = keys.sequence();
    }

    Result feed(byte[] data) {
        if (detached) {
            return new Result(new byte[0], true);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + matched);
        for (byte b : data) {
            if (b == keys[matched]) {
                matched++;
                if (matched == keys.length) {
                    detached = true;
                    return new Result(out.toByteArray(), true);
                }
                continue;
            }
            // The held bytes were not the sequence after all: release them, then see whether this
            // byte starts it anew (ctrl-p ctrl-p ctrl-q still detaches).
            out.write(keys, 0, matched);
            matched = 0;
            if (b == keys[0]) {
                matched = 1;
                if (keys.length == 1) {
                    detached = true;
                    return new Result(out.toByteArray(), true);
                }
            } else {
                out.write(b);
            }
        }
        return new Result(out.toByteArray(), false);
    }
}

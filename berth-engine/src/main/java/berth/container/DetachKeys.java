package berth.container;

import berth.errors.BerthException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The key sequence that detaches a client from a TTY attach or exec without stopping the process,
 * in Docker's syntax: comma-separated keys, each a single character or {@code ctrl-<c>} for
 * {@code c} in {@code @ a-z [ \ ] ^ _} (codes 0 to 31), or {@code DEL}. The default is
 * {@code ctrl-p,ctrl-q}. Names are case-sensitive, as in Docker ({@code ctrl-P} is unknown).
 */
public final class DetachKeys {
    public static final String DEFAULT_SPEC = "ctrl-p,ctrl-q";
    public static final DetachKeys DEFAULT = new DetachKeys(new byte[] {0x10, 0x11});
    private static final String CTRL_KEYS = "@abcdefghijklmnopqrstuvwxyz[\\]^_";

    private final byte[] sequence;

    private DetachKeys(byte[] sequence) {
        this.sequence = sequence;
    }

    /** Empty or null means the default. INVALID_ARGUMENT with {@code what} in Docker's words otherwise. */
    public static DetachKeys parse(String spec) {
        if (spec == null || spec.isEmpty()) {
            return DEFAULT;
        }
        ByteArrayOutputStream codes = new ByteArrayOutputStream();
        for (String key : spec.split(",", -1)) {
            codes.write(code(key, spec));
        }
        return new DetachKeys(codes.toByteArray());
    }

    private static int code(String key, String spec) {
        if (key.length() == 1) {
            return key.charAt(0);
        }
        if (key.equals("DEL")) {
            return 127;
        }
        if (key.length() == 6 && key.startsWith("ctrl-")) {
            int i = CTRL_KEYS.indexOf(key.charAt(5));
            if (i >= 0) {
                return i;
            }
        }
        throw BerthException.invalid("Invalid detach keys (" + spec + ") provided: unknown key '" + key
                + "' (use single characters, ctrl-a ... ctrl-z, ctrl-@, ctrl-[, ctrl-\\, ctrl-], ctrl-^, ctrl-_ or DEL,"
                + " separated by commas)");
    }

    /** The bytes a terminal sends for the sequence. */
    public byte[] sequence() {
        return sequence.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DetachKeys d && Arrays.equals(sequence, d.sequence);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sequence);
    }

    @Override
    public String toString() {
        return "DetachKeys" + Arrays.toString(sequence);
    }
}

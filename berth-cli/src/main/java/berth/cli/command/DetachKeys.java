package berth.cli.command;

import berth.cli.opts.BadValueException;
import java.io.ByteArrayOutputStream;

/**
 * The key sequence that detaches from a container's TTY ("ctrl-p,ctrl-q" by default), in docker's
 * notation: comma-separated keys, each a single character or ctrl-a … ctrl-z, ctrl-@, ctrl-[,
 * ctrl-\, ctrl-], ctrl-^, ctrl-_.
 */
public record DetachKeys(byte[] sequence) {
    public static final String DEFAULT = "ctrl-p,ctrl-q";

    public static DetachKeys parse(String keys) {
        ByteArrayOutputStream codes = new ByteArrayOutputStream();
        for (String key : keys.split(",", -1)) {
            if (key.length() == 1) {
                codes.write(key.charAt(0));
                continue;
            }
            int code = ctrl(key);
            if (code < 0) {
                throw new BadValueException("Unknown character: '" + key + "'");
            }
            codes.write(code);
        }
        return new DetachKeys(codes.toByteArray());
    }

    private static int ctrl(String key) {
        if (key.length() != 6 || !key.startsWith("ctrl-")) {
            return -1;
        }
        char c = key.charAt(5);
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 1;
        }
        return switch (c) {
            case '@' -> 0;
            case '[' -> 27;
            case '\\' -> 28;
            case ']' -> 29;
            case '^' -> 30;
            case '_' -> 31;
            default -> -1;
        };
    }

    /**
     * Follows typed bytes for the sequence: {@link #feed} returns the bytes to pass on now (a
     * partial match is held back until it fails), or null once the whole sequence was typed.
     */
    static final class Matcher {
        private final byte[] seq;
        private int matched;

        Matcher(DetachKeys keys) {
            this.seq = keys.sequence();
        }

        byte[] feed(byte[] buf, int len) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(len + seq.length);
            for (int i = 0; i < len; i++) {
                byte b = buf[i];
                if (b == seq[matched]) {
                    matched++;
                    if (matched == seq.length) {
                        return null;
                    }
                } else {
                    out.write(seq, 0, matched); // the held-back prefix was ordinary input after all
                    matched = 0;
                    if (b == seq[0]) {
                        matched = 1;
                    } else {
                        out.write(b);
                    }
                }
            }
            return out.toByteArray();
        }
    }
}

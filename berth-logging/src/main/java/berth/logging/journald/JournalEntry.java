package berth.logging.journald;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One entry in systemd-journald's native protocol: fields as {@code KEY=value\n}, or, for a value
 * holding a newline, {@code KEY\n} + its length as a little-endian 64-bit number + the value + {@code \n}.
 */
final class JournalEntry {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    JournalEntry add(String key, String value) {
        return add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    JournalEntry add(String key, byte[] value) {
        out.writeBytes(key.getBytes(StandardCharsets.UTF_8));
        if (contains(value, (byte) '\n')) {
            out.write('\n');
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value.length).array());
        } else {
            out.write('=');
        }
        out.writeBytes(value);
        out.write('\n');
        return this;
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    /**
     * A label or variable name as a journal field name (moby's sanitizeKeyMod): upper case, anything
     * but letters and digits becomes {@code _}, and no leading {@code _} (those are the journal's own).
     */
    static String fieldName(String name) {
        StringBuilder field = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            int v = c;
            if (v >= 'a' && v <= 'z') {
                v = Character.toUpperCase(v);
            } else if ((v > 'Z' || v < 'A') && (v > '9' || v < '0')) {
                v = '_';
            }
            if (!(field.isEmpty() && v == '_')) {
                field.appendCodePoint(v);
            }
        });
        return field.toString();
    }

    private static boolean contains(byte[] bytes, byte b) {
        for (byte x : bytes) {
            if (x == b) {
                return true;
            }
        }
        return false;
    }
}

package berth.logging.journald;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads journald's native protocol the way journald does, for tests: field name to raw value. */
final class JournalDecoder {
    private JournalDecoder() {}

    static Map<String, byte[]> decode(byte[] entry) throws IOException {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        int pos = 0;
        while (pos < entry.length) {
            int end = pos;
            while (end < entry.length && entry[end] != '=' && entry[end] != '\n') {
                end++;
            }
            if (end == entry.length) {
                throw new IOException("field without end at " + pos);
            }
            String name = new String(entry, pos, end - pos, StandardCharsets.UTF_8);
            if (entry[end] == '=') {
                int valueEnd = end + 1;
                while (valueEnd < entry.length && entry[valueEnd] != '\n') {
                    valueEnd++;
                }
                if (valueEnd == entry.length) {
                    throw new IOException("value of " + name + " without newline");
                }
                fields.put(name, Arrays.copyOfRange(entry, end + 1, valueEnd));
                pos = valueEnd + 1;
            } else {
                long length = ByteBuffer.wrap(entry, end + 1, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                int start = end + 9;
                int valueEnd = Math.toIntExact(start + length);
                if (valueEnd >= entry.length || entry[valueEnd] != '\n') {
                    throw new IOException("binary value of " + name + " not followed by a newline");
                }
                fields.put(name, Arrays.copyOfRange(entry, start, valueEnd));
                pos = valueEnd + 1;
            }
        }
        return fields;
    }

    static Map<String, String> decodeStrings(byte[] entry) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        decode(entry).forEach((k, v) -> fields.put(k, new String(v, StandardCharsets.UTF_8)));
        return fields;
    }
}

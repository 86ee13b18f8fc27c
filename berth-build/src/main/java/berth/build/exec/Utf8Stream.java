package berth.build.exec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Turns chunks of a byte stream into text without splitting a UTF-8 sequence across two chunks. */
final class Utf8Stream {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** The text of the complete sequences so far; an incomplete tail waits for the next chunk. */
    String decode(byte[] chunk) {
        pending.writeBytes(chunk);
        byte[] all = pending.toByteArray();
        int end = completeLength(all);
        pending.reset();
        pending.write(all, end, all.length - end);
        return new String(all, 0, end, StandardCharsets.UTF_8);
    }

    /** Whatever is left (a truncated sequence becomes a replacement character). */
    String flush() {
        String rest = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        return rest;
    }

    /** The length of the prefix that ends on a sequence boundary (looking back at most 3 bytes). */
    static int completeLength(byte[] b) {
        int n = b.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int v = b[n - back] & 0xff;
            if ((v & 0xc0) == 0x80) {
                continue; // a continuation byte: look further back for the lead
            }
            int need = v >= 0xf0 ? 4 : v >= 0xe0 ? 3 : v >= 0xc0 ? 2 : 1;
            return need > back ? n - back : n;
        }
        return n;
    }
}

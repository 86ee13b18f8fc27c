package berth.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reading CRLF-terminated protocol lines (status line, headers, chunk sizes). */
final class HttpLines {
    static final byte[] CRLF = {'\r', '\n'};
    private static final int MAX_LINE = 64 * 1024;

    private HttpLines() {}

    /** Reads one line without its line end (LF or CRLF); null at end of stream before any byte. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("protocol line longer than " + MAX_LINE + " bytes from daemon");
            }
            line.write(c);
        }
        if (line.size() == 0) {
            return null;
        }
        throw new IOException("connection closed in the middle of a protocol line");
    }
}

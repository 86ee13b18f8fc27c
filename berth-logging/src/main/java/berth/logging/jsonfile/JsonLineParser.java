package berth.logging.jsonfile;

import berth.logs.LogEntry;
import berth.logs.StreamType;
import java.io.ByteArrayOutputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * The fast path for reading json-file lines: a parser for the flat object json-file writes (string
 * values, {@code attrs} skipped), and RFC 3339 UTC times, without building strings for keys or times.
 * Anything it does not expect returns null and the caller falls back to a full JSON parser.
 */
final class JsonLineParser {
    private final byte[] b;
    private int pos;
    private final int end;
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();

    JsonLineParser(byte[] b, int off, int len) {
        this.b = b;
        this.pos = off;
        this.end = off + len;
    }

    /** The entry, or null when the line is not in the shape json-file writes. */
    LogEntry parse() {
        byte[] log = new byte[0];
        StreamType stream = null;
        Instant time = null;
        skipSpace();
        if (!eat('{')) {
            return null;
        }
        skipSpace();
        if (eat('}')) {
            return null;
        }
        do {
            skipSpace();
            int keyStart = pos + 1;
            if (!skipString()) {
                return null;
            }
            int keyLen = pos - 1 - keyStart;
            skipSpace();
            if (!eat(':')) {
                return null;
            }
            skipSpace();
            if (is(keyStart, keyLen, "log")) {
                log = string();
                if (log == null) {
                    return null;
                }
            } else if (is(keyStart, keyLen, "stream")) {
                byte[] s = string();
                if (s == null) {
                    return null;
                }
                stream = Arrays.equals(s, STDOUT) ? StreamType.STDOUT : Arrays.equals(s, STDERR) ? StreamType.STDERR : null;
            } else if (is(keyStart, keyLen, "time")) {
                int start = pos + 1;
                if (!skipString()) {
                    return null;
                }
                time = time(start, pos - 1);
                if (time == null) {
                    return null;
                }
            } else if (!skipValue()) {
                return null;
            }
            skipSpace();
        } while (eat(','));
        if (!eat('}') || stream == null || time == null) {
            return null;
        }
        return new LogEntry(stream, time, log);
    }

    private static final byte[] STDOUT = {'s', 't', 'd', 'o', 'u', 't'};
    private static final byte[] STDERR = {'s', 't', 'd', 'e', 'r', 'r'};

    private boolean is(int start, int len, String key) {
        if (len != key.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[start + i] != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A JSON string value as UTF-8 bytes; null when malformed. */
    private byte[] string() {
        if (!eat('"')) {
            return null;
        }
        int from = pos;
        while (pos < end && b[pos] != '"' && b[pos] != '\\') {
            pos++;
        }
        if (pos < end && b[pos] == '"') {
            pos++;
            return Arrays.copyOfRange(b, from, pos - 1); // no escapes: the bytes as they are
        }
        text.reset();
        text.write(b, from, pos - from);
        while (pos < end) {
            byte c = b[pos++];
            if (c == '"') {
                return text.toByteArray();
            }
            if (c != '\\') {
                text.write(c);
                continue;
            }
            if (pos >= end) {
                return null;
            }
            byte e = b[pos++];
            switch (e) {
                case '"', '\\', '/' -> text.write(e);
                case 'n' -> text.write('\n');
                case 'r' -> text.write('\r');
                case 't' -> text.write('\t');
                case 'b' -> text.write('\b');
                case 'f' -> text.write('\f');
                case 'u' -> {
                    int cp = hex4();
                    if (cp < 0) {
                        return null;
                    }
                    if (Character.isHighSurrogate((char) cp) && pos + 1 < end && b[pos] == '\\' && b[pos + 1] == 'u') {
                        pos += 2;
                        int low = hex4();
                        if (low < 0) {
                            return null;
                        }
                        cp = Character.isLowSurrogate((char) low) ? Character.toCodePoint((char) cp, (char) low) : 0xfffd;
                    } else if (Character.isSurrogate((char) cp)) {
                        cp = 0xfffd;
                    }
                    utf8(cp);
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    private int hex4() {
        if (pos + 4 > end) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(b[pos++], 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    private void utf8(int cp) {
        if (cp < 0x80) {
            text.write(cp);
        } else if (cp < 0x800) {
            text.write(0xc0 | cp >> 6);
            text.write(0x80 | cp & 0x3f);
        } else if (cp < 0x10000) {
            text.write(0xe0 | cp >> 12);
            text.write(0x80 | cp >> 6 & 0x3f);
            text.write(0x80 | cp & 0x3f);
        } else {
            text.write(0xf0 | cp >> 18);
            text.write(0x80 | cp >> 12 & 0x3f);
            text.write(0x80 | cp >> 6 & 0x3f);
            text.write(0x80 | cp & 0x3f);
        }
    }

    private boolean skipString() {
        if (!eat('"')) {
            return false;
        }
        while (pos < end) {
            byte c = b[pos++];
            if (c == '\\') {
                pos++;
            } else if (c == '"') {
                return true;
            }
        }
        return false;
    }

    /** Skips an object (attrs) or a scalar. */
    private boolean skipValue() {
        if (pos >= end) {
            return false;
        }
        if (b[pos] == '"') {
            return skipString();
        }
        if (b[pos] == '{' || b[pos] == '[') {
            int depth = 0;
            while (pos < end) {
                byte c = b[pos];
                if (c == '"') {
                    if (!skipString()) {
                        return false;
                    }
                    continue;
                }
                pos++;
                if (c == '{' || c == '[') {
                    depth++;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    return true;
                }
            }
            return false;
        }
        while (pos < end && b[pos] != ',' && b[pos] != '}') {
            pos++;
        }
        return true;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}; null for anything else (offsets go to the slow path). */
    private Instant time(int from, int to) {
        if (to - from < 20 || b[to - 1] != 'Z' || b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != 'T'
                || b[from + 13] != ':' || b[from + 16] != ':') {
            return null;
        }
        long second;
        {
            int y = digits(from, 4);
            int mo = digits(from + 5, 2);
            int d = digits(from + 8, 2);
            int h = digits(from + 11, 2);
            int mi = digits(from + 14, 2);
            int s = digits(from + 17, 2);
            if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) {
                return null;
            }
            try {
                second = LocalDate.of(y, mo, d).toEpochDay() * 86_400 + h * 3600L + mi * 60L + s;
            } catch (DateTimeException e) {
                return null;
            }
        }
        int nanos = 0;
        int i = from + 19;
        if (b[i] == '.') {
            i++;
            int n = 0;
            while (i < to - 1) {
                int dgt = b[i] - '0';
                if (dgt < 0 || dgt > 9 || n == 9) {
                    return null;
                }
                nanos = nanos * 10 + dgt;
                n++;
                i++;
            }
            if (n == 0) {
                return null;
            }
            for (; n < 9; n++) {
                nanos *= 10;
            }
        }
        if (i != to - 1) {
            return null;
        }
        return Instant.ofEpochSecond(second, nanos);
    }

    private int digits(int at, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int d = b[at + i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private void skipSpace() {
        while (pos < end && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\n' || b[pos] == '\r')) {
            pos++;
        }
    }

    private boolean eat(char c) {
        if (pos < end && b[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }
}

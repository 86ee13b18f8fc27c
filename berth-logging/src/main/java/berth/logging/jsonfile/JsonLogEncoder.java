package berth.logging.jsonfile;

import berth.logging.logfile.Rfc3339;
import berth.logs.driver.LogMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes json-file records byte for byte as dockerd 20.10 does ({@code jsonlog.JSONLogs.MarshalJSONBuf}):
 * {@code {"log":…,"stream":…,"attrs":{…},"time":…}} and a newline. The {@code log} string escapes as
 * Docker's hand-written encoder (every control byte as {@code \\u00XX} except {@code \\n} and {@code \\r});
 * {@code attrs} as Go's {@code json.Marshal} (keys sorted, {@code \\t} short). Both escape {@code <>&} and
 * U+2028/9, and turn invalid UTF-8 into U+FFFD. Not thread-safe: one per driver, reusing its buffer.
 */
final class JsonLogEncoder {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STDOUT = "\"stream\":\"stdout\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STDERR = "\"stream\":\"stderr\"".getBytes(StandardCharsets.US_ASCII);

    /** {@code "attrs":{…}} with its leading comma, or empty; computed once per container. */
    private final byte[] attrs;
    private byte[] out = new byte[512];
    private int len;
    private long cachedSecond = Long.MIN_VALUE;
    private byte[] cachedPrefix;

    JsonLogEncoder(Map<String, String> attributes) {
        this.attrs = attributes.isEmpty() ? new byte[0] : encodeAttrs(attributes);
    }

    /** The record for {@code m}; valid until the next call. */
    ByteBuffer encode(LogMessage m) {
        len = 0;
        put('{');
        byte[] line = m.line();
        boolean newline = !m.partial();
        boolean first = true;
        if (line.length > 0 || newline) {
            putAscii("\"log\":");
            putString(line, line.length, newline, false);
            first = false;
        }
        if (!first) {
            put(',');
        }
        putBytes(switch (m.stream()) {
            case STDERR -> STDERR;
            default -> STDOUT;
        });
        putBytes(attrs);
        putAscii(",\"time\":\"");
        putTime(m.timestamp());
        put('"');
        put('}');
        put('\n');
        return ByteBuffer.wrap(out, 0, len);
    }

    private void putTime(Instant t) {
        // the date and time to the second repeat for every line written within that second
        if (t.getEpochSecond() != cachedSecond) {
            String full = Rfc3339.format(Instant.ofEpochSecond(t.getEpochSecond()));
            cachedPrefix = full.substring(0, full.length() - 1).getBytes(StandardCharsets.US_ASCII);
            cachedSecond = t.getEpochSecond();
        }
        putBytes(cachedPrefix);
        int nanos = t.getNano();
        if (nanos != 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            put('.');
            ensure(digits);
            for (int i = digits - 1; i >= 0; i--) {
                out[len + i] = (byte) ('0' + nanos % 10);
                nanos /= 10;
            }
            len += digits;
        }
        put('Z');
    }

    private static byte[] encodeAttrs(Map<String, String> attributes) {
        JsonLogEncoder e = new JsonLogEncoder(Map.of());
        e.putAscii(",\"attrs\":{");
        // Go's encoding/json sorts map keys by their bytes
        byte[][] keys = attributes.keySet().stream().map(k -> k.getBytes(StandardCharsets.UTF_8))
                .sorted(Arrays::compareUnsigned).toArray(byte[][]::new);
        boolean first = true;
        for (byte[] key : keys) {
            if (!first) {
                e.put(',');
            }
            first = false;
            e.putString(key, key.length, false, true);
            e.put(':');
            byte[] v = attributes.get(new String(key, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            e.putString(v, v.length, false, true);
        }
        e.put('}');
        return Arrays.copyOf(e.out, e.len);
    }

    /** A JSON string of {@code s[0..n)} (plus a {@code \n} when {@code newline}); {@code goJson}: Go's json.Marshal escaping. */
    private void putString(byte[] s, int n, boolean newline, boolean goJson) {
        ensure(n + 8);
        put('"');
        int i = 0;
        int from = 0;
        while (i < n) {
            int b = s[i] & 0xff;
            if (b < 0x80) {
                if (b >= 0x20 && b != '\\' && b != '"' && b != '<' && b != '>' && b != '&') {
                    i++;
                    continue;
                }
                putRange(s, from, i);
                switch (b) {
                    case '\\', '"' -> {
                        put('\\');
                        put(b);
                    }
                    case '\n' -> putAscii("\\n");
                    case '\r' -> putAscii("\\r");
                    case '\t' -> {
                        if (goJson) {
                            putAscii("\\t");
                        } else {
                            putUnicodeEscape(b);
                        }
                    }
                    default -> putUnicodeEscape(b);
                }
                i++;
                from = i;
                continue;
            }
            int size = Utf8.validLength(s, i, n);
            if (size == 0) {
                putRange(s, from, i);
                putAscii("\\ufffd");
                i++;
                from = i;
                continue;
            }
            // U+2028 and U+2029 (E2 80 A8/A9) break JavaScript string literals
            if (size == 3 && b == 0xe2 && (s[i + 1] & 0xff) == 0x80 && ((s[i + 2] & 0xff) == 0xa8 || (s[i + 2] & 0xff) == 0xa9)) {
                putRange(s, from, i);
                putAscii((s[i + 2] & 0xff) == 0xa8 ? "\\u2028" : "\\u2029");
                i += 3;
                from = i;
                continue;
            }
            i += size;
        }
        putRange(s, from, n);
        if (newline) {
            putAscii("\\n");
        }
        put('"');
    }

    private void putUnicodeEscape(int b) {
        putAscii("\\u00");
        put(HEX[b >> 4]);
        put(HEX[b & 0xf]);
    }

    private void putRange(byte[] s, int from, int to) {
        int n = to - from;
        if (n > 0) {
            ensure(n);
            System.arraycopy(s, from, out, len, n);
            len += n;
        }
    }

    private void putBytes(byte[] b) {
        putRange(b, 0, b.length);
    }

    private void putAscii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            out[len++] = (byte) s.charAt(i);
        }
    }

    private void put(int b) {
        ensure(1);
        out[len++] = (byte) b;
    }

    private void ensure(int more) {
        if (len + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, len + more));
        }
    }
}

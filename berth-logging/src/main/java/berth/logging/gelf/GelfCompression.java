package berth.logging.gelf;

import berth.errors.BerthException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** {@code gelf-compression-type} for UDP: gzip (the default), zlib or none. */
public enum GelfCompression {
    GZIP, ZLIB, NONE;

    public static GelfCompression parse(String value) {
        return switch (value == null ? "gzip" : value) {
            case "gzip" -> GZIP;
            case "zlib" -> ZLIB;
            case "none" -> NONE;
            default -> throw BerthException.invalid("gelf: invalid compression type \"" + value + "\"");
        };
    }

    /** Compresses a whole message at {@code level} (-1 for the library default, 0-9 as in deflate). */
    byte[] compress(byte[] message, int level) {
        if (this == NONE) {
            return message;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length / 2 + 64);
        try (OutputStream z = this == GZIP ? new LeveledGzip(out, level)
                : new DeflaterOutputStream(out, new Deflater(level), 512)) {
            z.write(message);
        } catch (IOException e) {
            throw new IllegalStateException("compressing in memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** GZIPOutputStream with a chosen level (Go's gzip.NewWriterLevel). */
    private static final class LeveledGzip extends GZIPOutputStream {
        LeveledGzip(OutputStream out, int level) throws IOException {
            super(out, 512);
            def.setLevel(level);
        }
    }
}

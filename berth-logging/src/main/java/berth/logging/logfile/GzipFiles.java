package berth.logging.logfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Compresses rotated files as Docker does: a gzip member whose header carries the extra field
 * {@code {"lastTime":"<RFC 3339>"}} (the time of the last record, so a reader with {@code --since} may skip
 * the file). {@link java.util.zip.GZIPOutputStream} cannot write a header extra, hence the framing here.
 */
final class GzipFiles {
    private static final int FEXTRA = 0x04;
    private static final int OS_UNKNOWN = 0xff;

    private GzipFiles() {}

    private static final Pattern LAST_TIME = Pattern.compile("\"lastTime\"\\s*:\\s*\"([^\"]+)\"");

    /** The time of the last record, from the header extra Docker (and we) write; empty when absent or unreadable. */
    static Optional<Instant> lastTime(FileChannel gz) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(12);
        if (gz.read(head, 0) < 12 || (head.get(3) & FEXTRA) == 0) {
            return Optional.empty();
        }
        int xlen = (head.get(10) & 0xff) | (head.get(11) & 0xff) << 8;
        ByteBuffer extra = ByteBuffer.allocate(xlen);
        if (gz.read(extra, 12) < xlen) {
            return Optional.empty();
        }
        Matcher m = LAST_TIME.matcher(new String(extra.array(), StandardCharsets.UTF_8));
        try {
            return m.find() ? Optional.of(OffsetDateTime.parse(m.group(1)).toInstant()) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Writes {@code source} compressed to {@code target}, then deletes {@code source}; on failure removes {@code target}. */
    static void compress(Path source, Path target, Instant lastTime) throws IOException {
        boolean done = false;
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            RotatingLogFile.restrict(target);
            OutputStream raw = Channels.newOutputStream(out);
            byte[] extra = ("{\"lastTime\":\"" + Rfc3339.format(lastTime) + "\"}").getBytes(StandardCharsets.UTF_8);
            raw.write(new byte[] {0x1f, (byte) 0x8b, 8, FEXTRA, 0, 0, 0, 0, 0, (byte) OS_UNKNOWN,
                    (byte) extra.length, (byte) (extra.length >>> 8)});
            raw.write(extra);
            CRC32 crc = new CRC32();
            long length = 0;
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            try {
                DeflaterOutputStream deflate = new DeflaterOutputStream(raw, deflater, 64 * 1024);
                InputStream src = Channels.newInputStream(in);
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = src.read(buf)) > 0; ) {
                    crc.update(buf, 0, n);
                    deflate.write(buf, 0, n);
                    length += n;
                }
                deflate.finish();
            } finally {
                deflater.end();
            }
            int c = (int) crc.getValue();
            int l = (int) length;
            raw.write(new byte[] {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24),
                    (byte) l, (byte) (l >>> 8), (byte) (l >>> 16), (byte) (l >>> 24)});
            raw.flush();
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(target);
            }
        }
        Files.deleteIfExists(source);
    }
}

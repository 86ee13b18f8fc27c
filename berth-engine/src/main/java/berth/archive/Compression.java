package berth.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/** The compressions Docker accepts for layers and tarballs, recognised by their magic bytes. */
public enum Compression {
    NONE, GZIP, BZIP2, XZ, ZSTD;

    private static final int MAGIC_LENGTH = 6;

    /** Looks at the first bytes of a stream without consuming them (the stream must support mark). */
    public static Compression detect(InputStream marked) throws IOException {
        marked.mark(MAGIC_LENGTH);
        byte[] m = marked.readNBytes(MAGIC_LENGTH);
        marked.reset();
        if (m.length >= 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (m.length >= 3 && m[0] == 'B' && m[1] == 'Z' && m[2] == 'h') {
            return BZIP2;
        }
        if (m.length >= 6 && (m[0] & 0xff) == 0xfd && m[1] == '7' && m[2] == 'z' && m[3] == 'X' && m[4] == 'Z' && m[5] == 0) {
            return XZ;
        }
        if (m.length >= 4 && (m[0] & 0xff) == 0x28 && (m[1] & 0xff) == 0xb5 && (m[2] & 0xff) == 0x2f
                && (m[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return NONE;
    }

    /** The uncompressed bytes of a stream that may or may not be compressed. */
    public static InputStream decompress(InputStream in) throws IOException {
        BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, 1 << 16);
        return switch (detect(buffered)) {
            case NONE -> buffered;
            // Concatenated gzip members are legal and some tools write them (pigz, appended layers).
            case GZIP -> new BufferedInputStream(GzipCompressorInputStream.builder().setInputStream(buffered)
                    .setDecompressConcatenated(true).get(), 1 << 16);
            case BZIP2 -> new BufferedInputStream(new BZip2CompressorInputStream(buffered, true), 1 << 16);
            case XZ -> new BufferedInputStream(XZCompressorInputStream.builder().setInputStream(buffered)
                    .setDecompressConcatenated(true).get(), 1 << 16);
            case ZSTD -> new BufferedInputStream(new ZstdCompressorInputStream(buffered), 1 << 16);
        };
    }
}

package berth.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;

class CompressionTest {
    private static final byte[] TAR = new TarBuilder().file("a", "hello").build();

    interface Compressor {
        OutputStream wrap(OutputStream out) throws Exception;
    }

    private static byte[] compress(Compressor c) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream o = c.wrap(out)) {
            o.write(TAR);
        }
        return out.toByteArray();
    }

    private static void assertRoundTrip(byte[] compressed, Compression expected) throws Exception {
        InputStream in = new java.io.BufferedInputStream(new ByteArrayInputStream(compressed));
        assertThat(Compression.detect(in)).isEqualTo(expected);
        assertThat(Compression.decompress(new ByteArrayInputStream(compressed)).readAllBytes()).isEqualTo(TAR);
    }

    @Test
    void decompress_detectsEveryDockerCompressionByMagic() throws Exception {
        assertRoundTrip(TAR, Compression.NONE);
        assertRoundTrip(compress(GZIPOutputStream::new), Compression.GZIP);
        assertRoundTrip(compress(BZip2CompressorOutputStream::new), Compression.BZIP2);
        assertRoundTrip(compress(XZCompressorOutputStream::new), Compression.XZ);
        assertRoundTrip(compress(ZstdCompressorOutputStream::new), Compression.ZSTD);
    }
}

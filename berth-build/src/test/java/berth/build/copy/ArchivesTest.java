package berth.build.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;

class ArchivesTest {
    private static boolean isArchive(byte[] b) {
        return Archives.isArchive(new ByteArrayInputStream(b));
    }

    @Test
    void aTar_isAnArchive_compressedOrNot() throws IOException {
        byte[] tar = new ContextTar().file("f", "x").bytes();
        assertThat(isArchive(tar)).isTrue();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (var out = new GzipCompressorOutputStream(gz)) {
            out.write(tar);
        }
        assertThat(isArchive(gz.toByteArray())).isTrue();
    }

    @Test
    void otherFiles_areNot() throws IOException {
        assertThat(isArchive(new byte[0])).isFalse();
        assertThat(isArchive("just text\n".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(isArchive(new byte[1024])).isFalse(); // an empty tar has no first header
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (var out = new GzipCompressorOutputStream(gz)) {
            out.write("text, gzipped".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(isArchive(gz.toByteArray())).isFalse();
        assertThat(isArchive(new byte[] {0x1f, (byte) 0x8b, 1, 2})).isFalse(); // a broken gzip
    }
}

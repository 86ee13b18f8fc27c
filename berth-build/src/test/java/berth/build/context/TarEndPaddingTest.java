package berth.build.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tars that end right after the last entry's data, as {@code docker build -f - DIR} sends them. */
class TarEndPaddingTest {
    @TempDir
    Path dir;

    /** Dockerfile (13 bytes) then a 23-byte file: the second's data ends at 1024 + 512 + 23. */
    private static byte[] tar() {
        return new TestTar().file("Dockerfile", "FROM scratch\n").file(".dockerfile.0123456789abcdef0123", "FROM scratch\nLABEL a=b\n")
                .build();
    }

    private BuildContext read(byte[] body, String dockerfile) throws Exception {
        return ContextReader.read(new ByteArrayInputStream(body),
                ContextOptions.inBody(Files.createDirectories(dir.resolve("w" + System.nanoTime()))).withDockerfile(dockerfile));
    }

    @Test
    void aTarEndingRightAfterItsLastFilesData_isReadAsGoReadsIt() throws Exception {
        byte[] cut = Arrays.copyOf(tar(), 1024 + 512 + 23);

        try (BuildContext c = read(cut, ".dockerfile.0123456789abcdef0123")) {
            assertThat(new String(c.dockerfile(), StandardCharsets.UTF_8)).isEqualTo("FROM scratch\nLABEL a=b\n");
            assertThat(Files.readString(c.root().resolve("Dockerfile"))).isEqualTo("FROM scratch\n");
        }
    }

    @Test
    void aTarWithoutItsEndBlocks_isReadToo() throws Exception {
        byte[] cut = Arrays.copyOf(tar(), 1024 + 1024);

        try (BuildContext c = read(cut, "Dockerfile")) {
            assertThat(new String(c.dockerfile(), StandardCharsets.UTF_8)).isEqualTo("FROM scratch\n");
        }
    }

    @Test
    void aTarCutInsideAFilesData_stillFails() {
        byte[] cut = Arrays.copyOf(tar(), 1024 + 512 + 10);

        assertThatThrownBy(() -> read(cut, "Dockerfile")).isInstanceOf(BerthException.class);
    }

    @Test
    void aWholeTar_passesUnchanged() throws Exception {
        byte[] whole = tar();
        try (var in = new TarEndPadding(new ByteArrayInputStream(whole))) {
            assertThat(in.readAllBytes()).isEqualTo(whole);
        }
    }

    @Test
    void sizes_areReadInOctalAndBase256() {
        byte[] h = new byte[512];
        System.arraycopy("00000000027\0".getBytes(StandardCharsets.US_ASCII), 0, h, 124, 12);
        assertThat(TarEndPadding.size(h)).isEqualTo(23);
        Arrays.fill(h, 124, 136, (byte) 0);
        h[124] = (byte) 0x80;
        h[134] = 0x01;
        h[135] = 0x00;
        assertThat(TarEndPadding.size(h)).isEqualTo(256);
        System.arraycopy("12x45678901\0".getBytes(StandardCharsets.US_ASCII), 0, h, 124, 12);
        assertThat(TarEndPadding.size(h)).isEqualTo(-1);
    }
}

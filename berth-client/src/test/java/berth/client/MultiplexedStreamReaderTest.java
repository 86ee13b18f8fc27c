package berth.client;

import static berth.client.DaemonClientTest.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MultiplexedStreamReaderTest {
    @Test
    void copyTo_routesFramesByStreamInOrder() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(frame(1, "out1\n"));
        all.write(frame(2, "err1\n"));
        all.write(frame(1, ""));
        all.write(frame(1, "out2\n"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        new MultiplexedStreamReader(new ByteArrayInputStream(all.toByteArray())).copyTo(out, err);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("out1\nout2\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("err1\n");
    }

    @Test
    void next_rejectsAStreamCutInsideAFrame() throws IOException {
        byte[] f = frame(1, "hello");
        MultiplexedStreamReader r = new MultiplexedStreamReader(new ByteArrayInputStream(Arrays.copyOf(f, f.length - 2)));

        assertThatThrownBy(r::next).isInstanceOf(EOFException.class).hasMessageContaining("3 of 5");
    }

    @Test
    void next_rejectsBytesThatAreNotFrames() {
        MultiplexedStreamReader r = new MultiplexedStreamReader(new ByteArrayInputStream("hello world\n".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(r::next).isInstanceOf(IOException.class).hasMessageContaining("not a multiplexed stream");
    }

    @Test
    void systemErrorFrame_becomesAnException() {
        MultiplexedStreamReader r = new MultiplexedStreamReader(new ByteArrayInputStream(frame(3, "log driver failed\n")));

        assertThatThrownBy(() -> r.copyTo(new ByteArrayOutputStream(), new ByteArrayOutputStream()))
                .isInstanceOf(ClientException.class).hasMessage("log driver failed");
    }
}

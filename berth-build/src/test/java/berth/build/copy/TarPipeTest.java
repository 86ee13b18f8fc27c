package berth.build.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TarPipeTest {
    @Test
    void everyByteArrives_inOrder() {
        byte[] data = new byte[1_000_003];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        byte[] got = TarPipe.run(out -> {
            out.write(data, 0, 10);
            out.write(data[10]);
            out.write(data, 11, data.length - 11);
        }, in -> in.readAllBytes());
        assertThat(Arrays.equals(got, data)).isTrue();
    }

    @Test
    void aFailingProducer_failsTheRun_evenWhenTheConsumerTookACutStreamForWhole() {
        assertThatThrownBy(() -> TarPipe.run(out -> {
            out.write(new byte[200_000]);
            throw BerthException.invalid("cannot read the source");
        }, in -> {
            try {
                return in.readAllBytes().length;
            } catch (IOException e) {
                return -1; // a consumer that swallows the error must not hide it
            }
        })).isInstanceOf(BerthException.class).hasMessage("cannot read the source");
    }

    @Test
    void theProducersError_comesFirst_whenTheConsumerFailsBecauseOfIt() {
        assertThatThrownBy(() -> TarPipe.run(out -> {
            out.write(1);
            throw new IOException("disk gone");
        }, in -> {
            in.readAllBytes();
            return null;
        })).hasMessage("disk gone");
    }

    @Test
    void aConsumerThatStopsEarly_endsTheProducer_withoutAnError() {
        int first = TarPipe.run(out -> {
            byte[] chunk = new byte[64 << 10];
            for (int i = 0; i < 1000; i++) { // far more than the pipe holds
                out.write(chunk);
            }
        }, in -> in.read());
        assertThat(first).isZero();
    }

    @Test
    void aFailingConsumer_stopsTheProducer_andItsErrorIsThrown() {
        assertThatThrownBy(() -> TarPipe.run(out -> {
            byte[] chunk = new byte[64 << 10];
            while (true) {
                out.write(chunk);
            }
        }, in -> {
            in.read();
            throw BerthException.invalid("invalid tar: bad header");
        })).isInstanceOf(BerthException.class).hasMessage("invalid tar: bad header");
    }
}

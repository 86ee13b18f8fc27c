package berth.distribution.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumingInputStreamTest {
    private static final byte[] DATA = "0123456789abcdefghij".getBytes();

    /** Hands out {@code limit} bytes from {@code offset}, then fails (or ends early, when {@code fail} is false). */
    private static InputStream breaking(int offset, int limit, boolean fail) {
        return new InputStream() {
            int pos = offset;

            @Override
            public int read() throws IOException {
                if (pos - offset >= limit) {
                    if (fail) {
                        throw new IOException("connection reset");
                    }
                    return -1;
                }
                return pos < DATA.length ? DATA[pos++] : -1;
            }
        };
    }

    @Test
    void read_reopensAtTheByteReached_afterAFailureOrAnEarlyEnd() throws IOException {
        List<Long> offsets = new ArrayList<>();
        ResumingInputStream in = new ResumingInputStream(offset -> {
            offsets.add(offset);
            return offsets.size() == 1 ? breaking((int) offset, 5, false) : new ByteArrayInputStream(Arrays.copyOfRange(DATA, (int) offset, DATA.length));
        }, breaking(0, 7, true), DATA.length, 3, java.time.Duration.ofSeconds(60));

        assertThat(in.readAllBytes()).isEqualTo(DATA);
        assertThat(offsets).containsExactly(7L, 12L);
        assertThat(in.resumes()).isEqualTo(2);
    }

    @Test
    void read_givesUpAfterTheLastResume() {
        ResumingInputStream in = new ResumingInputStream(offset -> breaking((int) offset, 1, true), breaking(0, 1, true), DATA.length, 2, java.time.Duration.ofSeconds(60));
        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessage("connection reset");
        assertThat(in.resumes()).isEqualTo(2);
    }

    @Test
    void read_passesTheEndThroughOnceTheSizeIsReached() throws IOException {
        ResumingInputStream in = new ResumingInputStream(offset -> {
            throw new AssertionError("no resume expected");
        }, new ByteArrayInputStream(DATA), DATA.length, 2, java.time.Duration.ofSeconds(60));
        assertThat(in.readAllBytes()).isEqualTo(DATA);
    }

    @Test
    void read_resumesAConnectionThatStallsWithoutClosing() throws IOException {
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        InputStream silent = new InputStream() {
            int pos;

            @Override
            public int read() throws IOException {
                if (pos < 4) {
                    return DATA[pos++];
                }
                try {
                    closed.await(); // as a response whose server went quiet: only close() wakes it
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                throw new IOException("closed");
            }

            @Override
            public void close() {
                closed.countDown();
            }
        };
        ResumingInputStream in = new ResumingInputStream(offset -> new ByteArrayInputStream(Arrays.copyOfRange(DATA, (int) offset, DATA.length)),
                silent, DATA.length, 2, java.time.Duration.ofMillis(200));

        assertThat(in.readAllBytes()).isEqualTo(DATA);
        assertThat(in.resumes()).isEqualTo(1);
    }
}

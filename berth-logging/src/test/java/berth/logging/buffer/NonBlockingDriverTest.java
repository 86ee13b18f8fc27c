package berth.logging.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.logs.StreamType;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class NonBlockingDriverTest {

    /** A driver whose log() blocks until released, recording what it was given. */
    static final class GateDriver implements LogDriver {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> lines = new CopyOnWriteArrayList<>();
        volatile boolean closed;
        volatile boolean failing;

        @Override
        public void log(LogMessage message) throws IOException {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            if (failing) {
                throw new IOException("destination gone");
            }
            lines.add(new String(message.line(), StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static LogMessage line(String text) {
        return new LogMessage(StreamType.STDOUT, text.getBytes(StandardCharsets.UTF_8), Instant.now(), false);
    }

    @Test
    void log_returnsWhileTheWrappedDriverBlocks_andNothingIsLostWhenThereIsRoom() throws Exception {
        GateDriver target = new GateDriver();
        NonBlockingDriver driver = new NonBlockingDriver(target, 1_000_000);
        for (int i = 0; i < 1000; i++) {
            driver.log(line("line " + i));
        }
        // the wrapped driver has taken at most one line and is still held
        assertThat(target.lines).isEmpty();
        target.release.countDown();
        driver.close();
        assertThat(target.lines).hasSize(1000).startsWith("line 0", "line 1").endsWith("line 999");
        assertThat(driver.dropped()).isZero();
        assertThat(target.closed).isTrue();
    }

    @Test
    void log_dropsTheNewMessageWhenTheBufferIsFull_andCountsIt() throws Exception {
        GateDriver target = new GateDriver();
        NonBlockingDriver driver = new NonBlockingDriver(target, 10);
        driver.log(line("first"));
        target.entered.await(); // the worker holds "first"; the buffer is empty again
        driver.log(line("aaaa"));
        driver.log(line("bbbb"));
        driver.log(line("cccc")); // 12 bytes > 10: dropped
        driver.log(line("dd")); // fits exactly: 10 bytes
        driver.log(line("e")); // dropped
        assertThat(driver.dropped()).isEqualTo(2);
        assertThat(driver.queuedBytes()).isEqualTo(10);
        target.release.countDown();
        driver.close();
        assertThat(target.lines).containsExactly("first", "aaaa", "bbbb", "dd");
        assertThat(driver.dropped()).isEqualTo(2);
    }

    @Test
    void log_takesALineLargerThanTheBufferWhenTheBufferIsEmpty() throws Exception {
        GateDriver target = new GateDriver();
        NonBlockingDriver driver = new NonBlockingDriver(target, 4);
        driver.log(line("held"));
        target.entered.await();
        driver.log(line("a line longer than four bytes"));
        driver.log(line("x"));
        assertThat(driver.dropped()).isEqualTo(1);
        target.release.countDown();
        driver.close();
        assertThat(target.lines).containsExactly("held", "a line longer than four bytes");
    }

    @Test
    void close_countsWhatTheWrappedDriverFailedToTake() throws Exception {
        GateDriver target = new GateDriver();
        NonBlockingDriver driver = new NonBlockingDriver(target, 1000);
        driver.log(line("one"));
        target.entered.await();
        driver.log(line("two"));
        driver.log(line("three"));
        target.failing = true;
        target.release.countDown();
        driver.close();
        assertThat(target.lines).isEmpty();
        assertThat(driver.dropped()).isEqualTo(3);
        assertThat(target.closed).isTrue();
    }

    @Test
    void log_afterClose_fails() {
        GateDriver target = new GateDriver();
        target.release.countDown();
        NonBlockingDriver driver = new NonBlockingDriver(target, 1000);
        driver.close();
        assertThatThrownBy(() -> driver.log(line("late"))).isInstanceOf(IOException.class);
    }
}

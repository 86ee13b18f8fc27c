package berth.logging.daemon;

import static berth.logging.logfile.LogTestSupport.T0;
import static berth.logging.logfile.LogTestSupport.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.logs.driver.LogDriver;
import berth.logs.driver.LogMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dual-logging composite: the cache and the driver fail apart. */
class CachedLogDriverTest {
    /** Records what it is given, or fails every message. */
    private static final class Recording implements LogDriver {
        final List<String> lines = new ArrayList<>();
        final boolean failing;
        long failures;
        boolean closed;

        Recording(boolean failing) {
            this.failing = failing;
        }

        @Override
        public void log(LogMessage message) throws IOException {
            if (failing) {
                failures++;
                throw new IOException("down");
            }
            lines.add(new String(message.line(), StandardCharsets.UTF_8));
        }

        @Override
        public long dropped() {
            return failures;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aCacheThatCannotWrite_doesNotKeepLinesFromTheDriver() throws Exception {
        Recording driver = new Recording(false);
        Recording cache = new Recording(true);
        try (CachedLogDriver composite = new CachedLogDriver(driver, cache)) {
            composite.log(line("a", T0));
            composite.log(line("b", T0));
            assertThat(composite.dropped()).isZero();
        }
        assertThat(driver.lines).containsExactly("a", "b");
        assertThat(driver.closed).isTrue();
        assertThat(cache.closed).isTrue();
    }

    @Test
    void aDriverThatFails_stillLeavesTheLineInTheCache_andReportsItsFailure() {
        Recording driver = new Recording(true);
        Recording cache = new Recording(false);
        CachedLogDriver composite = new CachedLogDriver(driver, cache);
        assertThatThrownBy(() -> composite.log(line("a", T0))).isInstanceOf(IOException.class).hasMessage("down");
        assertThatThrownBy(() -> composite.log(line("b", T0))).isInstanceOf(IOException.class);
        assertThat(cache.lines).containsExactly("a", "b");
        assertThat(composite.dropped()).isEqualTo(2);
        composite.close();
    }
}

package berth.logging.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogMessage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogModesTest {

    @Test
    void validate_acceptsDockersModes() {
        LogModes.validate(Map.of());
        LogModes.validate(Map.of("mode", "blocking"));
        LogModes.validate(Map.of("mode", "non-blocking", "max-buffer-size", "4m"));
    }

    @Test
    void validate_rejectsAnUnknownModeInDockersWords() {
        assertThatThrownBy(() -> LogModes.validate(Map.of("mode", "lossy")))
                .isInstanceOf(BerthException.class)
                .hasMessage("logger: logging mode not supported: lossy")
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }

    @Test
    void validate_rejectsABufferSizeWithoutNonBlockingMode() {
        assertThatThrownBy(() -> LogModes.validate(Map.of("max-buffer-size", "1m")))
                .hasMessage("logger: max-buffer-size option is only supported with 'mode=non-blocking'");
    }

    @Test
    void validate_rejectsABadBufferSize() {
        assertThatThrownBy(() -> LogModes.validate(Map.of("mode", "non-blocking", "max-buffer-size", "lots")))
                .hasMessage("error parsing option max-buffer-size: invalid size: 'lots'");
    }

    @Test
    void maxBufferSize_readsBinaryUnits_andDefaultsToDockers1e6() {
        assertThat(LogModes.maxBufferSize(Map.of())).isEqualTo(1_000_000);
        assertThat(LogModes.maxBufferSize(Map.of("max-buffer-size", "1m"))).isEqualTo(1 << 20);
        assertThat(LogModes.maxBufferSize(Map.of("max-buffer-size", "512KiB"))).isEqualTo(512 * 1024);
        assertThat(LogModes.maxBufferSize(Map.of("max-buffer-size", "1.5k"))).isEqualTo(1536);
        assertThat(LogModes.maxBufferSize(Map.of("max-buffer-size", "100"))).isEqualTo(100);
        assertThat(LogModes.maxBufferSize(Map.of("max-buffer-size", "2 GB"))).isEqualTo(2L << 30);
    }

    @Test
    void apply_wrapsOnlyInNonBlockingMode() {
        LogDriver plain = new LogDriver() {
            @Override
            public void log(LogMessage message) {}

            @Override
            public void close() {}
        };
        assertThat(LogModes.apply(plain, Map.of())).isSameAs(plain);
        LogDriver wrapped = LogModes.apply(plain, Map.of("mode", "non-blocking"));
        assertThat(wrapped).isInstanceOf(NonBlockingDriver.class);
        wrapped.close();
    }
}

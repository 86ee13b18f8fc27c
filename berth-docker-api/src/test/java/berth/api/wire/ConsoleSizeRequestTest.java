package berth.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.container.ConsoleSize;
import berth.errors.BerthException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleSizeRequestTest {
    private static final ObjectMapper M = new ObjectMapper();

    private static Optional<ConsoleSize> of(String hostConfig) throws Exception {
        return CreateRequest.toSpec(Optional.empty(), M.readTree("{\"Image\":\"busybox\",\"Tty\":true,\"HostConfig\":"
                + hostConfig + "}")).consoleSize();
    }

    @Test
    void consoleSize_isReadAsHeightThenWidth() throws Exception {
        assertThat(of("{\"ConsoleSize\":[30,100]}")).contains(new ConsoleSize(30, 100));
    }

    @Test
    void consoleSize_zerosNullOrMissingMeanNone() throws Exception {
        assertThat(of("{\"ConsoleSize\":[0,0]}")).isEmpty();
        assertThat(of("{\"ConsoleSize\":null}")).isEmpty();
        assertThat(of("{}")).isEmpty();
    }

    @Test
    void consoleSize_rejectsNegativeOrMalformedSizes() {
        assertThatThrownBy(() -> of("{\"ConsoleSize\":[-1,80]}")).isInstanceOf(BerthException.class)
                .hasMessageContaining("ConsoleSize");
        assertThatThrownBy(() -> of("{\"ConsoleSize\":[24]}")).isInstanceOf(BerthException.class);
        assertThatThrownBy(() -> of("{\"ConsoleSize\":\"24x80\"}")).isInstanceOf(BerthException.class);
    }
}

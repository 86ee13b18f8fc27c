package berth.logging.fluentd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FluentdDriverFactoryTest {
    final FluentdDriverFactory factory = new FluentdDriverFactory();

    @Test
    void validate_acceptsDockersOptions() {
        factory.validate(Map.of("fluentd-address", "tcp://10.0.0.1:24225", "fluentd-async", "true",
                "fluentd-buffer-limit", "8m", "fluentd-retry-wait", "1.5s", "fluentd-max-retries", "10",
                "fluentd-sub-second-precision", "1", "tag", "docker.{{.ID}}",
                "labels", "a", "mode", "non-blocking", "max-buffer-size", "2m"));
    }

    @Test
    void validate_rejectsUnknownOptionsInDockersWords() {
        assertThatThrownBy(() -> factory.validate(Map.of("fluentd-adress", "x")))
                .isInstanceOf(BerthException.class)
                .hasMessage("unknown log opt 'fluentd-adress' for fluentd log driver");
    }

    @Test
    void validate_rejectsBadValuesInDockersWords() {
        assertThatThrownBy(() -> factory.validate(Map.of("fluentd-async", "maybe")))
                .hasMessage("strconv.ParseBool: parsing \"maybe\": invalid syntax");
        assertThatThrownBy(() -> factory.validate(Map.of("fluentd-async", "true", "fluentd-async-connect", "true")))
                .hasMessage("conflicting options: cannot specify both 'fluentd-async' and 'fluentd-async-connect");
        assertThatThrownBy(() -> factory.validate(Map.of("fluentd-retry-wait", "soon")))
                .hasMessage("time: invalid duration \"soon\"");
        assertThatThrownBy(() -> factory.validate(Map.of("fluentd-retry-wait", "5")))
                .hasMessage("time: missing unit in duration \"5\"");
        assertThatThrownBy(() -> factory.validate(Map.of("fluentd-max-retries", "-1")))
                .hasMessage("strconv.ParseUint: parsing \"-1\": invalid syntax");
        assertThatThrownBy(() -> factory.validate(Map.of("fluentd-buffer-limit", "big")))
                .hasMessage("invalid size: 'big'");
        assertThatThrownBy(() -> factory.validate(Map.of("fluentd-address", "host:port")))
                .hasMessage("invalid fluentd-address host:port: strconv.Atoi: parsing \"port\": invalid syntax");
        assertThatThrownBy(() -> factory.validate(Map.of("fluentd-address", "a:b:c")))
                .hasMessage("invalid fluentd-address a:b:c: address a:b:c: too many colons in address");
        assertThatThrownBy(() -> factory.validate(Map.of("mode", "sometimes")))
                .hasMessage("logger: logging mode not supported: sometimes");
    }

    @Test
    void address_parsesDockersForms() {
        assertThat(FluentdAddress.parse("")).isEqualTo(new FluentdAddress("tcp", "127.0.0.1", 24224, ""));
        assertThat(FluentdAddress.parse("fluent.local")).isEqualTo(new FluentdAddress("tcp", "fluent.local", 24224, ""));
        assertThat(FluentdAddress.parse("fluent.local:24225"))
                .isEqualTo(new FluentdAddress("tcp", "fluent.local", 24225, ""));
        assertThat(FluentdAddress.parse("tcp://10.1.2.3:9880")).isEqualTo(new FluentdAddress("tcp", "10.1.2.3", 9880, ""));
        assertThat(FluentdAddress.parse("unix:///var/run/fluent.sock"))
                .isEqualTo(new FluentdAddress("unix", "", 0, "/var/run/fluent.sock"));
        assertThat(FluentdAddress.parse("[::1]:24230")).isEqualTo(new FluentdAddress("tcp", "::1", 24230, ""));
    }

    @Test
    void config_defaultsAreDockers() {
        FluentdConfig c = FluentdConfig.parse(Map.of());
        assertThat(c.async()).isFalse();
        assertThat(c.bufferLimit()).isEqualTo(1 << 20);
        assertThat(c.retryWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.maxRetries()).isEqualTo(Integer.MAX_VALUE);
        assertThat(FluentdConfig.parse(Map.of("fluentd-async-connect", "true")).async()).isTrue();
        assertThat(FluentdConfig.parse(Map.of("fluentd-retry-wait", "1m30s")).retryWait()).isEqualTo(Duration.ofSeconds(90));
    }
}

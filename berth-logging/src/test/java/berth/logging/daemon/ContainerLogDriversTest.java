package berth.logging.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.logs.driver.LogConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a container's log config is resolved against the daemon's defaults and checked, with dockerd's words. */
class ContainerLogDriversTest {
    private static final ContainerLogDrivers JSON_DEFAULT = ContainerLogDrivers.standard(LogConfig.JSON_FILE);

    @Test
    void anEmptyType_takesTheDaemonsDefaultDriverAndItsOptions() {
        ContainerLogDrivers drivers = ContainerLogDrivers.standard(
                new LogConfig("json-file", Map.of("max-size", "10m", "max-file", "3")));
        assertThat(drivers.resolve(new LogConfig("", Map.of("max-file", "5"))))
                .isEqualTo(new LogConfig("json-file", Map.of("max-size", "10m", "max-file", "5")));
    }

    @Test
    void theDaemonsDefaultDriverWithoutAType_isJsonFile() {
        ContainerLogDrivers drivers = ContainerLogDrivers.standard(new LogConfig("", Map.of()));
        assertThat(drivers.defaults()).isEqualTo(LogConfig.JSON_FILE);
        assertThat(drivers.resolve(new LogConfig("", Map.of()))).isEqualTo(LogConfig.JSON_FILE);
    }

    @Test
    void theDaemonsDefaultOptions_applyOnlyToTheDefaultDriver_butItsCacheOptionsToEvery() {
        ContainerLogDrivers drivers = ContainerLogDrivers.standard(
                new LogConfig("json-file", Map.of("max-size", "10m", "cache-disabled", "true", "cache-max-file", "2")));
        assertThat(drivers.resolve(new LogConfig("local", Map.of("cache-max-file", "3"))))
                .isEqualTo(new LogConfig("local", Map.of("cache-disabled", "true", "cache-max-file", "3")));
        assertThat(drivers.resolve(new LogConfig("json-file", Map.of())).config())
                .containsEntry("max-size", "10m").containsEntry("cache-disabled", "true");
    }

    @Test
    void anUnknownDriver_isRefusedWithDockersWords() {
        assertInvalid(new LogConfig("splunk", Map.of()), "logger: no log driver named 'splunk' is registered");
    }

    @Test
    void anUnknownOption_isRefusedWithTheDriversOwnWords() {
        assertInvalid(new LogConfig("json-file", Map.of("syslog-address", "udp://x:1")),
                "unknown log opt 'syslog-address' for json-file log driver");
        assertInvalid(new LogConfig("local", Map.of("tag", "x")), "unknown log opt 'tag' for log driver local");
        assertInvalid(new LogConfig("gelf", Map.of("gelf-address", "udp://127.0.0.1:12201", "nope", "1")),
                "unknown log opt \"nope\" for gelf log driver");
        assertInvalid(new LogConfig("syslog", Map.of("max-size", "1m")), "unknown log opt 'max-size' for syslog log driver");
    }

    @Test
    void badValues_areRefusedWithTheDriversWords() {
        assertInvalid(new LogConfig("json-file", Map.of("max-file", "0")), "max-file cannot be less than 1");
        assertInvalid(new LogConfig("gelf", Map.of()), "gelf-address is a required parameter");
    }

    @Test
    void modeAndBufferSize_areCheckedFirst_forEveryDriver() {
        assertInvalid(new LogConfig("nosuch", Map.of("mode", "sometimes")), "logger: logging mode not supported: sometimes");
        assertInvalid(new LogConfig("json-file", Map.of("max-buffer-size", "1m")),
                "logger: max-buffer-size option is only supported with 'mode=non-blocking'");
        assertThat(JSON_DEFAULT.resolve(new LogConfig("local", Map.of("mode", "non-blocking", "max-buffer-size", "4m"))).config())
                .containsEntry("mode", "non-blocking");
    }

    @Test
    void theCacheOptions_areTakenByEveryDriver_andCacheDisabledMustBeABool() {
        assertThat(JSON_DEFAULT.resolve(new LogConfig("json-file", Map.of("cache-disabled", "false"))).config())
                .containsEntry("cache-disabled", "false");
        assertThat(JSON_DEFAULT.resolve(new LogConfig("gelf", Map.of("gelf-address", "udp://127.0.0.1:12201",
                "cache-max-size", "1m", "cache-max-file", "2", "cache-compress", "false"))).config())
                .containsEntry("cache-max-size", "1m");
        assertInvalid(new LogConfig("gelf", Map.of("gelf-address", "udp://127.0.0.1:12201", "cache-disabled", "maybe")),
                "invalid value for option cache-disabled: maybe");
        assertInvalid(new LogConfig("gelf", Map.of("gelf-address", "udp://127.0.0.1:12201", "cache-max-file", "1")),
                "log cache: compression cannot be enabled when max file count is 1");
    }

    @Test
    void none_isAlwaysThere_andTakesAnyOption_asDockerdSkipsItsCheck() {
        assertThat(JSON_DEFAULT.resolve(new LogConfig("none", Map.of("whatever", "1"))))
                .isEqualTo(new LogConfig("none", Map.of("whatever", "1")));
    }

    @Test
    void badDaemonDefaults_areRefusedWhenTheDriversAreMade() {
        assertThatThrownBy(() -> ContainerLogDrivers.standard(new LogConfig("json-file", Map.of("max-size", "huge"))))
                .isInstanceOf(BerthException.class)
                .hasMessage("failed to set log opts: invalid size: 'huge'");
        assertThatThrownBy(() -> ContainerLogDrivers.standard(new LogConfig("logentries", Map.of())))
                .hasMessage("failed to set log opts: logger: no log driver named 'logentries' is registered");
    }

    @Test
    void names_areTheRegisteredDriversSorted_withoutNone() {
        assertThat(JSON_DEFAULT.names()).containsExactly("fluentd", "gelf", "journald", "json-file", "local", "syslog");
    }

    private static void assertInvalid(LogConfig config, String message) {
        assertThatThrownBy(() -> JSON_DEFAULT.resolve(config)).isInstanceOf(BerthException.class).hasMessage(message)
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }
}

package berth.logging.gelf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GelfOptionsTest {
    private final GelfDriverFactory factory = new GelfDriverFactory();

    private void refuses(Map<String, String> config, String message) {
        assertThatThrownBy(() -> factory.validate(config)).isInstanceOf(BerthException.class).hasMessage(message);
    }

    @Test
    void address_isRequiredAndChecked() {
        refuses(Map.of(), "gelf-address is a required parameter");
        refuses(Map.of("gelf-address", "graylog:12201"), "gelf-address should be in form proto://address, got graylog:12201");
        refuses(Map.of("gelf-address", "unix:///x"), "gelf: endpoint needs to be TCP or UDP");
        refuses(Map.of("gelf-address", "udp://graylog"), "gelf: please provide gelf-address as proto://host:port");
        assertThat(GelfAddress.parse("udp://[::1]:12201")).isEqualTo(new GelfAddress("udp", "::1", 12201));
    }

    @Test
    void options_areCheckedAsDockerChecksThem() {
        factory.validate(Map.of("gelf-address", "udp://h:1", "gelf-compression-type", "zlib",
                "gelf-compression-level", "-1", "tag", "{{.Name}}", "labels", "a", "env", "B",
                "labels-regex", "x", "env-regex", "y"));
        factory.validate(Map.of("gelf-address", "tcp://h:1", "gelf-tcp-max-reconnect", "0",
                "gelf-tcp-reconnect-delay", "5"));
        refuses(Map.of("gelf-address", "udp://h:1", "max-size", "1m"), "unknown log opt \"max-size\" for gelf log driver");
        refuses(Map.of("gelf-address", "tcp://h:1", "gelf-compression-type", "gzip"), "compression is only supported on UDP");
        refuses(Map.of("gelf-address", "udp://h:1", "gelf-compression-type", "lz4"),
                "unknown value \"lz4\" for log opt \"gelf-compression-type\" for gelf log driver");
        refuses(Map.of("gelf-address", "udp://h:1", "gelf-compression-level", "10"),
                "unknown value \"10\" for log opt \"gelf-compression-level\" for gelf log driver");
        refuses(Map.of("gelf-address", "udp://h:1", "gelf-tcp-max-reconnect", "3"), "\"gelf-tcp-max-reconnect\" is only valid for TCP");
        refuses(Map.of("gelf-address", "tcp://h:1", "gelf-tcp-reconnect-delay", "-1"),
                "\"gelf-tcp-reconnect-delay\" must be a positive integer");
    }

    @Test
    void timestamps_areSecondsWithMilliseconds() {
        assertThat(GelfEncoder.seconds(Instant.parse("2026-12-04T11:00:00.250999Z")).toPlainString()).isEqualTo("1796382000.25");
        assertThat(GelfEncoder.seconds(Instant.parse("2026-12-04T11:00:00Z")).toPlainString()).isEqualTo("1796382000");
        assertThat(GelfEncoder.rfc3339Nano(Instant.parse("2026-12-04T11:00:00.000001Z"))).isEqualTo("2026-12-04T11:00:00.000001Z");
        assertThat(GelfEncoder.rfc3339Nano(Instant.parse("2026-12-04T11:00:00Z"))).isEqualTo("2026-12-04T11:00:00Z");
    }

    @Test
    void chunks_carryGoGelfsHeader() throws Exception {
        byte[] message = new byte[GelfChunker.CHUNK_DATA_SIZE * 2 + 1];
        byte[] id = {1, 2, 3, 4, 5, 6, 7, 8};
        var chunks = GelfChunker.datagrams(message, id);
        assertThat(chunks).hasSize(3);
        assertThat(chunks.getFirst()).hasSize(GelfChunker.DATAGRAM_SIZE).startsWith(0x1e, 0x0f, 1, 2, 3, 4, 5, 6, 7, 8, 0, 3);
        assertThat(chunks.getLast()).hasSize(13);
        assertThat(GelfChunker.datagrams(new byte[GelfChunker.DATAGRAM_SIZE], id)).hasSize(1);
    }
}

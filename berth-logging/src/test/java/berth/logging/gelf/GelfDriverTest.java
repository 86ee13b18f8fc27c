package berth.logging.gelf;

import static berth.logging.tag.TestContexts.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.logging.tag.LogTag;
import berth.logging.tag.TestContexts;
import berth.logs.StreamType;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogMessage;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gelf driver against receivers in the test that decode as Graylog does. */
class GelfDriverTest {
    private static final Instant TIME = Instant.parse("2026-12-04T11:00:00.250Z");

    private static LogDriver driver(String address, String... options) throws IOException {
        Map<String, String> config = new HashMap<>();
        config.put("gelf-address", address);
        for (int i = 0; i < options.length; i += 2) {
            config.put(options[i], options[i + 1]);
        }
        GelfDriverFactory factory = new GelfDriverFactory();
        factory.validate(config);
        return factory.create(context(config, Map.of("tier", "front"), List.of("APP_MODE=prod")));
    }

    private static LogMessage line(StreamType stream, String text) {
        return new LogMessage(stream, text.getBytes(StandardCharsets.UTF_8), TIME, false);
    }

    @Test
    void udp_sendsGzippedGelf11WithTheContainersFields() throws Exception {
        try (GelfReceiver receiver = GelfReceiver.udp();
             LogDriver driver = driver("udp://127.0.0.1:" + receiver.port(), "tag", "{{.Name}}",
                     "labels", "tier", "env", "APP_MODE")) {
            driver.log(line(StreamType.STDOUT, "hello gelf"));
            GelfReceiver.Received got = receiver.next();
            assertThat(got.compression()).isEqualTo("gzip");
            assertThat(got.chunks()).isEqualTo(1);
            JsonNode m = got.json();
            assertThat(m.get("version").asText()).isEqualTo("1.1");
            assertThat(m.get("host").asText()).isEqualTo(LogTag.localHostname());
            assertThat(m.get("short_message").asText()).isEqualTo("hello gelf");
            assertThat(m.get("timestamp").decimalValue()).isEqualByComparingTo("1796382000.25");
            assertThat(m.get("level").asInt()).isEqualTo(6);
            assertThat(m.get("_container_id").asText()).isEqualTo(TestContexts.CONTAINER_ID);
            assertThat(m.get("_container_name").asText()).isEqualTo("web");
            assertThat(m.get("_image_id").asText()).isEqualTo(TestContexts.IMAGE_ID);
            assertThat(m.get("_image_name").asText()).isEqualTo("busybox:latest");
            assertThat(m.get("_tag").asText()).isEqualTo("web");
            assertThat(m.get("_created").asText()).isEqualTo("2026-12-04T10:15:30.12Z");
            assertThat(m.get("_tier").asText()).isEqualTo("front");
            assertThat(m.get("_APP_MODE").asText()).isEqualTo("prod");
        }
    }

    @Test
    void stderr_isLevel3() throws Exception {
        try (GelfReceiver receiver = GelfReceiver.udp();
             LogDriver driver = driver("udp://127.0.0.1:" + receiver.port())) {
            driver.log(line(StreamType.STDERR, "bad"));
            JsonNode m = receiver.next().json();
            assertThat(m.get("level").asInt()).isEqualTo(3);
            assertThat(m.get("_tag").asText()).isEqualTo("0123456789ab");
        }
    }

    @Test
    void udp_zlibAndNone_areHonoured() throws Exception {
        try (GelfReceiver receiver = GelfReceiver.udp()) {
            try (LogDriver zlib = driver("udp://127.0.0.1:" + receiver.port(), "gelf-compression-type", "zlib",
                    "gelf-compression-level", "9")) {
                zlib.log(line(StreamType.STDOUT, "zipped"));
            }
            GelfReceiver.Received got = receiver.next();
            assertThat(got.compression()).isEqualTo("zlib");
            assertThat(got.json().get("short_message").asText()).isEqualTo("zipped");
            try (LogDriver none = driver("udp://127.0.0.1:" + receiver.port(), "gelf-compression-type", "none")) {
                none.log(line(StreamType.STDOUT, "plain"));
            }
            got = receiver.next();
            assertThat(got.compression()).isEqualTo("none");
            assertThat(got.json().get("short_message").asText()).isEqualTo("plain");
        }
    }

    @Test
    void udp_bigMessage_isChunkedAndReassembles() throws Exception {
        String big = random(20_000);
        try (GelfReceiver receiver = GelfReceiver.udp();
             LogDriver driver = driver("udp://127.0.0.1:" + receiver.port())) {
            driver.log(line(StreamType.STDOUT, big));
            driver.log(line(StreamType.STDOUT, "small after big"));
            GelfReceiver.Received got = receiver.next();
            assertThat(got.chunks()).isGreaterThan(1);
            assertThat(got.compression()).isEqualTo("gzip");
            assertThat(got.json().get("short_message").asText()).isEqualTo(big);
            assertThat(receiver.next().json().get("short_message").asText()).isEqualTo("small after big");
        }
    }

    @Test
    void udp_messageNeedingMoreThan128Chunks_isRefusedAndCounted() throws Exception {
        try (GelfReceiver receiver = GelfReceiver.udp();
             LogDriver driver = driver("udp://127.0.0.1:" + receiver.port(), "gelf-compression-type", "none")) {
            assertThatThrownBy(() -> driver.log(line(StreamType.STDOUT, random(200_000))))
                    .isInstanceOf(IOException.class).hasMessageContaining("msg too large, would need");
            assertThat(driver.dropped()).isEqualTo(1);
            driver.log(line(StreamType.STDOUT, "still works"));
            assertThat(receiver.next().json().get("short_message").asText()).isEqualTo("still works");
        }
    }

    @Test
    void tcp_sendsUncompressedNulDelimitedMessagesInOrder() throws Exception {
        try (GelfReceiver receiver = GelfReceiver.tcp();
             LogDriver driver = driver("tcp://127.0.0.1:" + receiver.port())) {
            for (int i = 0; i < 100; i++) {
                driver.log(line(StreamType.STDOUT, "tcp " + i));
            }
            for (int i = 0; i < 100; i++) {
                GelfReceiver.Received got = receiver.next();
                assertThat(got.compression()).isEqualTo("none");
                assertThat(got.json().get("short_message").asText()).isEqualTo("tcp " + i);
            }
        }
    }

    @Test
    void tcp_reconnectsToARestartedReceiver_andCountsWhatItGaveUpOn() throws Exception {
        GelfReceiver first = GelfReceiver.tcp();
        int port = first.port();
        try (LogDriver driver = driver("tcp://127.0.0.1:" + port, "gelf-tcp-max-reconnect", "2",
                "gelf-tcp-reconnect-delay", "0")) {
            try (first) {
                driver.log(line(StreamType.STDOUT, "to the first"));
                assertThat(first.next().json().get("short_message").asText()).isEqualTo("to the first");
            }
            assertThatThrownBy(() -> driver.log(line(StreamType.STDOUT, "while down")))
                    .isInstanceOf(IOException.class).hasMessageContaining("Maximum reconnection attempts");
            assertThat(driver.dropped()).isEqualTo(1);
            try (GelfReceiver second = GelfReceiver.tcp(port)) {
                driver.log(line(StreamType.STDOUT, "to the second"));
                assertThat(second.next().json().get("short_message").asText()).isEqualTo("to the second");
            }
        }
    }

    @Test
    void tcp_withNoReconnects_stillConnectsAgainForTheNextMessage() throws Exception {
        GelfReceiver first = GelfReceiver.tcp();
        int port = first.port();
        try (LogDriver driver = driver("tcp://127.0.0.1:" + port, "gelf-tcp-max-reconnect", "0")) {
            first.close();
            assertThatThrownBy(() -> driver.log(line(StreamType.STDOUT, "lost"))).isInstanceOf(IOException.class);
            try (GelfReceiver second = GelfReceiver.tcp(port)) {
                driver.log(line(StreamType.STDOUT, "found"));
                assertThat(second.next().json().get("short_message").asText()).isEqualTo("found");
            }
            assertThat(driver.dropped()).isEqualTo(1);
        }
    }

    @Test
    void tcp_createFailsWhenNothingListens() throws Exception {
        int port;
        try (GelfReceiver gone = GelfReceiver.tcp()) {
            port = gone.port();
        }
        assertThatThrownBy(() -> driver("tcp://127.0.0.1:" + port)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("gelf: cannot connect to GELF endpoint: 127.0.0.1:" + port);
    }

    private static String random(int length) {
        SecureRandom random = new SecureRandom();
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}

package berth.logging.jsonfile;

import static org.assertj.core.api.Assertions.assertThat;

import berth.logs.LogEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonLineParserTest {
    @Test
    void fastPathAgreesWithTheFullJsonParser_onDockerdsLinesAndOddOnes() throws Exception {
        List<String> lines = new java.util.ArrayList<>(List.of(new String(JsonFileGoldenTest.golden(), StandardCharsets.UTF_8).split("\n")));
        lines.add("{\"time\":\"2026-12-04T19:09:27Z\",\"stream\":\"stderr\",\"log\":\"emoji \\ud83d\\ude00 \\/ \\b\\f\\t\"}");
        lines.add(" { \"log\" : \"spaced\\n\" , \"stream\" : \"stdout\" , \"extra\" : [1, {\"a\":\"}\"}] , \"time\" : \"2026-12-04T19:09:27.1Z\" } ");
        for (String line : lines) {
            byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
            LogEntry fast = new JsonLineParser(b, 0, b.length).parse();
            Optional<LogEntry> full = JsonLogFormat.INSTANCE.decodeFully(b, 0, b.length);
            assertThat(fast).as(line).isNotNull();
            assertThat(fast).as(line).usingRecursiveComparison().isEqualTo(full.orElseThrow());
        }
    }

    @Test
    void unusualTimesAndBrokenLines_goToTheSlowPath() throws Exception {
        byte[] offset = "{\"log\":\"x\\n\",\"stream\":\"stdout\",\"time\":\"2026-12-04T20:09:27.5+01:00\"}\n".getBytes(StandardCharsets.UTF_8);
        assertThat(new JsonLineParser(offset, 0, offset.length).parse()).isNull();
        assertThat(JsonLogFormat.INSTANCE.decode(offset, 0, offset.length).orElseThrow().time())
                .isEqualTo(java.time.Instant.parse("2026-12-04T19:09:27.5Z"));
        byte[] torn = "{\"log\":\"half a li{\"log\":\"x\\n\",\"stream\":\"stdout\",\"time\":\"2026-12-04T19:09:27Z\"}\n".getBytes(StandardCharsets.UTF_8);
        assertThat(JsonLogFormat.INSTANCE.decode(torn, 0, torn.length)).isEmpty();
    }
}

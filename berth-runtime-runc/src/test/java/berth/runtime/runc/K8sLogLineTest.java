package berth.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;

import berth.logs.LogEntry;
import berth.logs.StreamType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class K8sLogLineTest {
    @Test
    void fullLineGetsItsNewlineBack() {
        LogEntry e = K8sLogLine.parse("2026-11-28T08:42:20.469634920+00:00 stdout F hello world").orElseThrow();
        assertThat(e.stream()).isEqualTo(StreamType.STDOUT);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-28T08:42:20.469634920Z"));
        assertThat(new String(e.data(), StandardCharsets.UTF_8)).isEqualTo("hello world\n");
    }

    @Test
    void partialLineHasNoNewlineAndStderrIsRecognised() {
        LogEntry e = K8sLogLine.parse("2026-11-28T10:00:00.000000001+02:00 stderr P abc").orElseThrow();
        assertThat(e.stream()).isEqualTo(StreamType.STDERR);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-28T08:00:00.000000001Z"));
        assertThat(e.data()).containsExactly('a', 'b', 'c');
    }

    @Test
    void emptyLinesAndContentWithSpacesSurvive() {
        assertThat(K8sLogLine.parse("2026-11-28T08:42:20Z stdout F ").orElseThrow().data()).containsExactly('\n');
        assertThat(K8sLogLine.parse("2026-11-28T08:42:20Z stdout F").orElseThrow().data()).containsExactly('\n');
        assertThat(new String(K8sLogLine.parse("2026-11-28T08:42:20Z stdout F  a  b ").orElseThrow().data(),
                StandardCharsets.UTF_8)).isEqualTo(" a  b \n");
    }

    @Test
    void garbageIsSkipped() {
        assertThat(K8sLogLine.parse("not a log line")).isEmpty();
        assertThat(K8sLogLine.parse("2026-11-28T08:42:20Z stdin F x")).isEmpty();
        assertThat(K8sLogLine.parse("yesterday stdout F x")).isEmpty();
    }
}

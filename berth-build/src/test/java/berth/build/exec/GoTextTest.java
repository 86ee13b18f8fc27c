package berth.build.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoTextTest {
    @Test
    void duration_readsAsGoPrintsIt() {
        assertThat(GoText.duration(Duration.ZERO)).isEqualTo("0s");
        assertThat(GoText.duration(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(GoText.duration(Duration.ofMinutes(5))).isEqualTo("5m0s");
        assertThat(GoText.duration(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(GoText.duration(Duration.ofHours(1))).isEqualTo("1h0m0s");
        assertThat(GoText.duration(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(GoText.duration(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(GoText.duration(Duration.ofNanos(2000))).isEqualTo("2µs");
        assertThat(GoText.duration(Duration.ofNanos(7))).isEqualTo("7ns");
    }

    @Test
    void quotedList_isGoPercentQOfAStringSlice() {
        assertThat(GoText.quotedList(List.of("/bin/sh", "-c", "echo \"hi\"\n"))).isEqualTo("[\"/bin/sh\" \"-c\" \"echo \\\"hi\\\"\\n\"]");
        assertThat(GoText.quotedList(List.of())).isEqualTo("[]");
        assertThat(GoText.list(List.of("/data", "/x"))).isEqualTo("[/data /x]");
    }

    @Test
    void quoteRune_isWhatPercentQPrintsForAnInt() {
        assertThat(GoText.quoteRune(3)).isEqualTo("'\\x03'");
        assertThat(GoText.quoteRune(0)).isEqualTo("'\\x00'");
        assertThat(GoText.quoteRune('A')).isEqualTo("'A'");
        assertThat(GoText.quoteRune('\n')).isEqualTo("'\\n'");
    }
}

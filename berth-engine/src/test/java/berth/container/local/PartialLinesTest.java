package berth.container.local;

import static org.assertj.core.api.Assertions.assertThat;

import berth.logs.StreamType;
import berth.logs.driver.LogMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartialLinesTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private static LogMessage piece(StreamType s, String text, boolean partial, int second) {
        return new LogMessage(s, text.getBytes(StandardCharsets.UTF_8), T0.plusSeconds(second), partial);
    }

    private static String text(LogMessage m) {
        return new String(m.line(), StandardCharsets.UTF_8) + (m.partial() ? "~" : "");
    }

    @Test
    void wholeLinesPassAsTheyAre() {
        PartialLines p = new PartialLines();
        LogMessage m = piece(StreamType.STDOUT, "hello", false, 0);
        assertThat(p.add(m)).containsExactly(m);
        assertThat(p.release()).isEmpty();
    }

    @Test
    void piecesOfALineAreJoined_withTheFirstPiecesTime_andStreamsApart() {
        PartialLines p = new PartialLines();
        assertThat(p.add(piece(StreamType.STDOUT, "ab", true, 1))).isEmpty();
        assertThat(p.add(piece(StreamType.STDERR, "err", false, 2))).extracting(PartialLinesTest::text).containsExactly("err");
        List<LogMessage> out = p.add(piece(StreamType.STDOUT, "cd", false, 3));
        assertThat(out).extracting(PartialLinesTest::text).containsExactly("abcd");
        assertThat(out.getFirst().timestamp()).isEqualTo(T0.plusSeconds(1));
        assertThat(out.getFirst().stream()).isEqualTo(StreamType.STDOUT);
    }

    @Test
    void aLineLongerThan16KiB_goesOnIn16KiBPartialPieces_asDockersCopierCutsIt() {
        PartialLines p = new PartialLines();
        String eightK = "x".repeat(8192);
        List<LogMessage> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.addAll(p.add(piece(StreamType.STDOUT, eightK, true, i)));
        }
        out.addAll(p.add(piece(StreamType.STDOUT, "end", false, 9)));
        assertThat(out).extracting(m -> m.line().length + (m.partial() ? "~" : ""))
                .containsExactly("16384~", "16384~", "8195");
        assertThat(String.join("", out.stream().map(m -> new String(m.line(), StandardCharsets.UTF_8)).toList()))
                .isEqualTo(eightK.repeat(5) + "end");
    }

    @Test
    void releaseHandsOnWhatIsHeld_asPartialPieces() {
        PartialLines p = new PartialLines();
        p.add(piece(StreamType.STDOUT, "prompt> ", true, 0));
        assertThat(p.release()).extracting(PartialLinesTest::text).containsExactly("prompt> ~");
        assertThat(p.release()).isEmpty();
        assertThat(p.add(piece(StreamType.STDOUT, "typed", false, 1))).extracting(PartialLinesTest::text)
                .containsExactly("typed");
    }
}

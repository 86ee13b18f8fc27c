package berth.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;

import berth.logs.LogEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The fast timestamp path and the stamp cache of {@link K8sLogLine.Parser} agree with java.time. */
class K8sLogLineParserTest {
    private static Instant parse(String stamp) {
        byte[] b = stamp.getBytes(StandardCharsets.US_ASCII);
        return K8sLogLine.Rfc3339.parse(b, 0, b.length);
    }

    @Test
    void timesAgreeWithJavaTime() {
        for (String s : new String[] {
                "2026-12-04T20:47:49.123456789+00:00", "2026-12-04T20:47:49.1+01:30", "2026-12-04T20:47:49-05:00",
                "2026-12-04T20:47:49Z", "2026-12-04T20:47:49.000000001Z", "1970-01-01T00:00:00Z",
                "2024-02-29T23:59:59.999999999-12:00", "2026-12-04T00:00:00.5+14:00"}) {
            assertThat(parse(s)).as(s).isEqualTo(OffsetDateTime.parse(s).toInstant());
        }
    }

    @Test
    void otherSpellingsGoToJavaTimeAndNonsenseIsRejected() {
        assertThat(parse("2026-12-04t20:47:49z")).isEqualTo(Instant.parse("2026-12-04T20:47:49Z"));
        assertThat(parse("2026-02-30T20:47:49Z")).isNull();
        assertThat(parse("2026-12-04T24:47:49Z")).isNull();
        assertThat(parse("2026-12-04T20:47:49.1234567891Z")).isNull();
        assertThat(parse("2026-12-04T20:47:49+0100")).isNull();
        assertThat(parse("2026-12-04T20:47:49")).isNull();
    }

    @Test
    void theCachedStampIsOnlyReusedForTheSameBytes() {
        K8sLogLine.Parser p = new K8sLogLine.Parser();
        byte[] a = "2026-12-04T20:47:49.000000001Z stdout F a".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "2026-12-04T20:47:49.000000002Z stderr P b".getBytes(StandardCharsets.US_ASCII);
        LogEntry first = p.parse(a, 0, a.length);
        LogEntry second = p.parse(b, 0, b.length);
        LogEntry third = p.parse(a, 0, a.length);
        assertThat(first.time()).isEqualTo(Instant.parse("2026-12-04T20:47:49.000000001Z"));
        assertThat(second.time()).isEqualTo(Instant.parse("2026-12-04T20:47:49.000000002Z"));
        assertThat(third.time()).isEqualTo(first.time());
        assertThat(second.data()).containsExactly('b');
        assertThat(third.data()).containsExactly('a', '\n');
    }
}

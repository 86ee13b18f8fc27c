package berth.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import berth.container.ContainerState;
import berth.container.ContainerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HumanDurationTest {
    @Test
    void of_followsDockersUnits() {
        assertThat(HumanDuration.of(Duration.ofMillis(400))).isEqualTo("Less than a second");
        assertThat(HumanDuration.of(Duration.ofSeconds(1))).isEqualTo("1 second");
        assertThat(HumanDuration.of(Duration.ofSeconds(59))).isEqualTo("59 seconds");
        assertThat(HumanDuration.of(Duration.ofSeconds(60))).isEqualTo("About a minute");
        assertThat(HumanDuration.of(Duration.ofSeconds(119))).isEqualTo("About a minute");
        assertThat(HumanDuration.of(Duration.ofMinutes(3))).isEqualTo("3 minutes");
        assertThat(HumanDuration.of(Duration.ofMinutes(60))).isEqualTo("About an hour");
        assertThat(HumanDuration.of(Duration.ofMinutes(89))).isEqualTo("About an hour");
        assertThat(HumanDuration.of(Duration.ofMinutes(90))).isEqualTo("2 hours");
        assertThat(HumanDuration.of(Duration.ofHours(47))).isEqualTo("47 hours");
        assertThat(HumanDuration.of(Duration.ofDays(3))).isEqualTo("3 days");
        assertThat(HumanDuration.of(Duration.ofDays(15))).isEqualTo("2 weeks");
        assertThat(HumanDuration.of(Duration.ofDays(90))).isEqualTo("3 months");
        assertThat(HumanDuration.of(Duration.ofDays(800))).isEqualTo("2 years");
    }

    @Test
    void statusText_coversDockersStates() {
        Instant now = Instant.parse("2025-01-01T00:10:00Z");
        assertThat(StatusText.of(ContainerState.created(), now)).isEqualTo("Created");
        var up = new ContainerState(ContainerStatus.RUNNING, 7, 0, "", false, Optional.of(now.minusSeconds(180)), Optional.empty());
        assertThat(StatusText.of(up, now)).isEqualTo("Up 3 minutes");
        var justUp = new ContainerState(ContainerStatus.RUNNING, 7, 0, "", false, Optional.of(now), Optional.empty());
        assertThat(StatusText.of(justUp, now)).isEqualTo("Up Less than a second");
        var paused = new ContainerState(ContainerStatus.PAUSED, 7, 0, "", false, Optional.of(now.minusSeconds(120)), Optional.empty());
        assertThat(StatusText.of(paused, now)).isEqualTo("Up 2 minutes (Paused)");
        var exited = new ContainerState(ContainerStatus.EXITED, 0, 137, "", false, Optional.of(now.minusSeconds(60)),
                Optional.of(now.minusSeconds(6)));
        assertThat(StatusText.of(exited, now)).isEqualTo("Exited (137) 6 seconds ago");
    }

    @Test
    void rfc3339Nano_trimsTrailingZerosLikeGo() {
        assertThat(Times.rfc3339Nano(Instant.parse("2024-01-02T03:04:05.120Z"))).isEqualTo("2024-01-02T03:04:05.12Z");
        assertThat(Times.rfc3339Nano(Instant.parse("2024-01-02T03:04:05Z"))).isEqualTo("2024-01-02T03:04:05Z");
        assertThat(Times.logTimestamp(Instant.parse("2024-01-02T03:04:05.12Z"))).isEqualTo("2024-01-02T03:04:05.120000000Z");
    }

    @Test
    void parseUnix_acceptsFractionsAndRfc3339() {
        assertThat(Times.parseUnixOrRfc3339("1700000000.5")).isEqualTo(Instant.ofEpochSecond(1700000000, 500_000_000));
        assertThat(Times.parseUnixOrRfc3339("1700000000")).isEqualTo(Instant.ofEpochSecond(1700000000));
        assertThat(Times.parseUnixOrRfc3339("2024-01-02T03:04:05Z")).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    }
}

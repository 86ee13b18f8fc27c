package berth.cli.opts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GoDurationsTest {
    @Test
    void parseNanos_readsGoDurations() {
        assertThat(GoDurations.parseNanos("1s")).isEqualTo(1_000_000_000L);
        assertThat(GoDurations.parseNanos("1m30s")).isEqualTo(90_000_000_000L);
        assertThat(GoDurations.parseNanos("1.5h")).isEqualTo(5_400_000_000_000L);
        assertThat(GoDurations.parseNanos("250ms")).isEqualTo(250_000_000L);
        assertThat(GoDurations.parseNanos("3us")).isEqualTo(3_000L);
        assertThat(GoDurations.parseNanos("0")).isZero();
        assertThat(GoDurations.parseNanos("-2s")).isEqualTo(-2_000_000_000L);
        assertThat(GoDurations.parseNanos(".5s")).isEqualTo(500_000_000L);
    }

    @Test
    void parseNanos_refusesWithGosMessages() {
        assertThatThrownBy(() -> GoDurations.parseNanos("5")).hasMessage("time: missing unit in duration \"5\"");
        assertThatThrownBy(() -> GoDurations.parseNanos("1q")).hasMessage("time: unknown unit \"q\" in duration \"1q\"");
        assertThatThrownBy(() -> GoDurations.parseNanos("x")).hasMessage("time: invalid duration \"x\"");
        assertThatThrownBy(() -> GoDurations.parseNanos("")).hasMessage("time: invalid duration \"\"");
    }
}

package berth.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanUnitsTest {
    @Test
    void size_usesDecimalUnitsWithThreeSignificantDigits() {
        assertThat(HumanUnits.size(0)).isEqualTo("0B");
        assertThat(HumanUnits.size(999)).isEqualTo("999B");
        assertThat(HumanUnits.size(1000)).isEqualTo("1kB");
        assertThat(HumanUnits.size(4_261_000)).isEqualTo("4.26MB");
        assertThat(HumanUnits.size(4_265_001)).isEqualTo("4.27MB");
        assertThat(HumanUnits.size(1_500_000_000L)).isEqualTo("1.5GB");
        assertThat(HumanUnits.size(123_456)).isEqualTo("123kB");
        assertThat(HumanUnits.size(999_999)).isEqualTo("1e+03kB"); // Go's %.3g rounds up into exponent form
    }

    @Test
    void duration_matchesGoUnitsThresholds() {
        assertThat(HumanUnits.duration(Duration.ofMillis(400))).isEqualTo("Less than a second");
        assertThat(HumanUnits.duration(Duration.ofSeconds(1))).isEqualTo("1 second");
        assertThat(HumanUnits.duration(Duration.ofSeconds(5))).isEqualTo("5 seconds");
        assertThat(HumanUnits.duration(Duration.ofSeconds(90))).isEqualTo("About a minute");
        assertThat(HumanUnits.duration(Duration.ofMinutes(45))).isEqualTo("45 minutes");
        assertThat(HumanUnits.duration(Duration.ofMinutes(80))).isEqualTo("About an hour");
        assertThat(HumanUnits.duration(Duration.ofHours(30))).isEqualTo("30 hours");
        assertThat(HumanUnits.duration(Duration.ofDays(3))).isEqualTo("3 days");
        assertThat(HumanUnits.duration(Duration.ofDays(20))).isEqualTo("2 weeks");
        assertThat(HumanUnits.duration(Duration.ofDays(90))).isEqualTo("3 months");
        assertThat(HumanUnits.duration(Duration.ofDays(800))).isEqualTo("2 years");
    }
}

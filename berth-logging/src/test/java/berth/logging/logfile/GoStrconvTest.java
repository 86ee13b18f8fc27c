package berth.logging.logfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GoStrconvTest {
    @Test
    void fromHumanSize_usesDecimalUnitsAsGoUnits() {
        assertThat(GoStrconv.fromHumanSize("1m")).isEqualTo(1_000_000);
        assertThat(GoStrconv.fromHumanSize("10k")).isEqualTo(10_000);
        assertThat(GoStrconv.fromHumanSize("1.5g")).isEqualTo(1_500_000_000L);
        assertThat(GoStrconv.fromHumanSize("2KiB")).isEqualTo(2000);
        assertThat(GoStrconv.fromHumanSize("3 MB")).isEqualTo(3_000_000);
        assertThat(GoStrconv.fromHumanSize("123")).isEqualTo(123);
    }

    @Test
    void fromHumanSize_rejectsNegativeAndGarbageWithGoUnitsWords() {
        assertThatThrownBy(() -> GoStrconv.fromHumanSize("-1")).hasMessage("invalid size: '-1'");
        assertThatThrownBy(() -> GoStrconv.fromHumanSize("1x")).hasMessage("invalid size: '1x'");
        assertThatThrownBy(() -> GoStrconv.fromHumanSize("")).hasMessage("invalid size: ''");
    }

    @Test
    void atoiAndParseBool_speakGoStrconv() {
        assertThat(GoStrconv.atoi("+3")).isEqualTo(3);
        assertThatThrownBy(() -> GoStrconv.atoi("3.0")).hasMessage("strconv.Atoi: parsing \"3.0\": invalid syntax");
        assertThat(GoStrconv.parseBool("T")).isTrue();
        assertThat(GoStrconv.parseBool("0")).isFalse();
        assertThatThrownBy(() -> GoStrconv.parseBool("yes")).hasMessage("strconv.ParseBool: parsing \"yes\": invalid syntax");
    }

    @Test
    void rfc3339_trimsTrailingZerosAsGoRfc3339Nano() {
        assertThat(Rfc3339.format(Instant.parse("2026-12-04T19:09:27.577498790Z"))).isEqualTo("2026-12-04T19:09:27.57749879Z");
        assertThat(Rfc3339.format(Instant.parse("2026-12-04T19:09:27Z"))).isEqualTo("2026-12-04T19:09:27Z");
        assertThat(Rfc3339.format(Instant.parse("0999-01-02T03:04:05.000000001Z"))).isEqualTo("0999-01-02T03:04:05.000000001Z");
    }
}

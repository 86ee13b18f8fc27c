package berth.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ImageFiltersTest {
    @Test
    void glob_followsGoPathMatch() {
        assertThat(ImageFilters.globMatches("busybox*", "busybox:latest")).isTrue();
        assertThat(ImageFilters.globMatches("bb:v*", "bb:v1")).isTrue();
        assertThat(ImageFilters.globMatches("bb:v*", "bb:latest")).isFalse();
        assertThat(ImageFilters.globMatches("*", "user/app")).isFalse();
        assertThat(ImageFilters.globMatches("*/app", "user/app")).isTrue();
        assertThat(ImageFilters.globMatches("b?:[a-c]1", "bb:b1")).isTrue();
        assertThat(ImageFilters.globMatches("b.x", "bax")).isFalse();
        assertThatThrownBy(() -> ImageFilters.globMatches("[abc", "a")).isInstanceOf(BerthException.class);
    }

    @Test
    void timestamp_acceptsRfc3339UnixSecondsAndDurations() {
        Instant now = Instant.parse("2024-01-02T00:00:00Z");
        assertThat(ImageFilters.timestamp("2023-05-06T07:08:09Z", now)).isEqualTo(Instant.parse("2023-05-06T07:08:09Z"));
        assertThat(ImageFilters.timestamp("1700000000.5", now)).isEqualTo(Instant.ofEpochSecond(1700000000, 500_000_000));
        assertThat(ImageFilters.timestamp("24h", now)).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(ImageFilters.timestamp("1h30m", now)).isEqualTo(Instant.parse("2024-01-01T22:30:00Z"));
        assertThat(ImageFilters.timestamp("2023-05-06", now)).isEqualTo(Instant.parse("2023-05-06T00:00:00Z"));
        assertThatThrownBy(() -> ImageFilters.timestamp("yesterday", now)).isInstanceOf(BerthException.class);
    }
}

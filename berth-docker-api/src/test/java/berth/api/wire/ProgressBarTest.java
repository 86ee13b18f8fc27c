package berth.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void halfway_drawsTwentyFiveSegmentsAndBothSizes() {
        assertThat(ProgressBar.render(1_000_000, 2_000_000))
                .isEqualTo("[" + "=".repeat(25) + ">" + " ".repeat(25) + "]      1MB/2MB");
    }

    @Test
    void start_andEnd() {
        assertThat(ProgressBar.render(1, 3_210_987)).isEqualTo("[>" + " ".repeat(50) + "]       1B/3.211MB");
        assertThat(ProgressBar.render(3_210_987, 3_210_987))
                .isEqualTo("[" + "=".repeat(50) + ">]  3.211MB/3.211MB");
    }

    @Test
    void nothingCounted_isEmpty_andUnknownTotal_isTheSizeAlone() {
        assertThat(ProgressBar.render(0, 0)).isEmpty();
        assertThat(ProgressBar.render(32_768, 0)).isEqualTo(" 32.77kB");
    }

    @Test
    void currentBeyondTotal_dropsTheTotal() {
        assertThat(ProgressBar.render(3000, 2000)).isEqualTo("[" + "=".repeat(50) + ">]      3kB");
    }

    @Test
    void humanSize_isGoUnitsWithFourSignificantDigits() {
        assertThat(ProgressBar.humanSize(0)).isEqualTo("0B");
        assertThat(ProgressBar.humanSize(999)).isEqualTo("999B");
        assertThat(ProgressBar.humanSize(1000)).isEqualTo("1kB");
        assertThat(ProgressBar.humanSize(2_345_678)).isEqualTo("2.346MB");
        assertThat(ProgressBar.humanSize(199_999_999)).isEqualTo("200MB");
        assertThat(ProgressBar.humanSize(1_500_000_000L)).isEqualTo("1.5GB");
    }
}

package berth.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void wideTerminal_drawsTheBarAndCounts() {
        assertThat(ProgressBar.render(1_000_000, 2_000_000, 120))
                .isEqualTo("[" + "=".repeat(25) + ">" + " ".repeat(25) + "]      1MB/2MB");
        assertThat(ProgressBar.render(2_000_000, 2_000_000, 200)).isEqualTo("[" + "=".repeat(50) + ">]      2MB/2MB");
    }

    @Test
    void narrowTerminal_showsOnlyTheCounts() {
        assertThat(ProgressBar.render(1_234_567, 3_210_987, 80)).isEqualTo(" 1.235MB/3.211MB");
        assertThat(ProgressBar.render(1_234_567, 3_210_987, 110)).isEqualTo(" 1.235MB/3.211MB");
    }

    @Test
    void unknownTotal_nothingCounted_andWonkyCounts() {
        assertThat(ProgressBar.render(32_768, 0, 200)).isEqualTo(" 32.77kB");
        assertThat(ProgressBar.render(0, 0, 200)).isEmpty();
        assertThat(ProgressBar.render(3000, 2000, 80)).isEqualTo("     3kB");
    }

    @Test
    void humanSize_fourSignificantDigits() {
        assertThat(ProgressBar.humanSize(999)).isEqualTo("999B");
        assertThat(ProgressBar.humanSize(2_345_678)).isEqualTo("2.346MB");
        assertThat(ProgressBar.humanSize(1_500_000_000L)).isEqualTo("1.5GB");
    }
}

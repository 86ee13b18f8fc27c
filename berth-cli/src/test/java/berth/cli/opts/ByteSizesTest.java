package berth.cli.opts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizesTest {
    @Test
    void ramInBytes_readsDockersBinaryUnitsInAnyCase() {
        assertThat(ByteSizes.ramInBytes("64m")).isEqualTo(64L << 20);
        assertThat(ByteSizes.ramInBytes("1g")).isEqualTo(1L << 30);
        assertThat(ByteSizes.ramInBytes("1.5G")).isEqualTo(3L << 29);
        assertThat(ByteSizes.ramInBytes("512")).isEqualTo(512);
        assertThat(ByteSizes.ramInBytes("10kb")).isEqualTo(10240);
        assertThat(ByteSizes.ramInBytes("2MiB")).isEqualTo(2L << 20);
        assertThat(ByteSizes.ramInBytes("7b")).isEqualTo(7);
        assertThat(ByteSizes.ramInBytes("1 k")).isEqualTo(1024);
    }

    @Test
    void ramInBytes_refusesBadSuffixesAndNumbersWithDockersWords() {
        assertThatThrownBy(() -> ByteSizes.ramInBytes("64x")).hasMessage("invalid suffix: 'x'");
        assertThatThrownBy(() -> ByteSizes.ramInBytes("1mx")).hasMessage("invalid suffix: 'mx'");
        assertThatThrownBy(() -> ByteSizes.ramInBytes("abc")).hasMessage("invalid size: 'abc'");
        assertThatThrownBy(() -> ByteSizes.ramInBytes("1.2.3m")).hasMessage("strconv.ParseFloat: parsing \"1.2.3\": invalid syntax");
        assertThatThrownBy(() -> ByteSizes.ramInBytes("-1")).hasMessage("invalid size: '-1'");
    }

    @Test
    void swapBytes_acceptsMinusOneForUnlimited() {
        assertThat(ByteSizes.swapBytes("-1")).isEqualTo(-1);
        assertThat(ByteSizes.swapBytes("128m")).isEqualTo(128L << 20);
    }
}

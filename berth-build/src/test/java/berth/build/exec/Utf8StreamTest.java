package berth.build.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Utf8StreamTest {
    @Test
    void aSequenceSplitAcrossChunks_comesOutWhole() {
        byte[] bytes = "aé€😀z".getBytes(StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder();
        Utf8Stream s = new Utf8Stream();
        for (int i = 0; i < bytes.length; i++) {
            String part = s.decode(Arrays.copyOfRange(bytes, i, i + 1));
            assertThat(part).doesNotContain("\uFFFD");
            text.append(part);
        }
        text.append(s.flush());
        assertThat(text.toString()).isEqualTo("aé€😀z");
    }

    @Test
    void aTruncatedTail_isFlushedAsAReplacement() {
        Utf8Stream s = new Utf8Stream();
        assertThat(s.decode(new byte[] {'a', (byte) 0xe2, (byte) 0x82})).isEqualTo("a");
        assertThat(s.flush()).isEqualTo("\uFFFD");
    }
}

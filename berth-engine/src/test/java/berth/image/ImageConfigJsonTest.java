package berth.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageConfigJsonTest {
    @Test
    void shellAndOnBuild_areWrittenAndReadBack() {
        ImageConfig cfg = new ImageConfig(Optional.empty(), List.of("PATH=/bin"), Optional.empty(),
                Optional.of(List.of("sh")), Optional.empty(), Map.of(), List.of(), List.of(), Optional.empty(),
                Optional.empty(), List.of("/bin/bash", "-c"), List.of("RUN make"));
        byte[] json = ImageConfigJson.forChild(Optional.empty(), new ImageCommit(Optional.empty(), cfg,
                "/bin/sh -c #(nop)  ONBUILD RUN make", "", "", "", Optional.empty(), Instant.EPOCH), Optional.empty());

        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"OnBuild\":[\"RUN make\"]")
                .contains("\"Shell\":[\"/bin/bash\",\"-c\"]");
        ImageConfig read = ImageConfigJson.parse(json).config();
        assertThat(read.shell()).containsExactly("/bin/bash", "-c");
        assertThat(read.onBuild()).containsExactly("RUN make");
    }

    @Test
    void withoutThem_theConfigReadsAsBefore() {
        byte[] json = ImageConfigJson.forChild(Optional.empty(), new ImageCommit(Optional.empty(), ImageConfig.empty(),
                "", "", "", "", Optional.empty(), Instant.EPOCH), Optional.empty());
        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).contains("\"OnBuild\":null").doesNotContain("Shell");
        assertThat(ImageConfigJson.parse(json).config()).isEqualTo(ImageConfig.empty());
    }
}

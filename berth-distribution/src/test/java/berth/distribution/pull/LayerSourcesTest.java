package berth.distribution.pull;

import static org.assertj.core.api.Assertions.assertThat;

import berth.content.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerSourcesTest {
    @TempDir
    Path root;

    @Test
    void record_isKeptAcrossRestarts_newestFirst_withoutDuplicates() {
        Digest diff = Digest.sha256("layer".getBytes());
        LayerSources.Source a = new LayerSources.Source(Digest.sha256("a".getBytes()).toString(), "gzip", 10, "docker.io", "library/a");
        LayerSources.Source b = new LayerSources.Source(Digest.sha256("b".getBytes()).toString(), "zstd", 9, "127.0.0.1:5000", "b");
        LayerSources sources = new LayerSources(root);
        sources.record(diff, a);
        sources.record(diff, b);
        sources.record(diff, a);

        assertThat(new LayerSources(root).sources(diff)).containsExactly(a, b);
        assertThat(new LayerSources(root).sources(Digest.sha256("other".getBytes()))).isEmpty();
    }

    @Test
    void anUnreadableFile_isStartedAfresh() throws Exception {
        Files.createDirectories(root.resolve("distribution"));
        Files.writeString(root.resolve("distribution/layer-sources.json"), "{torn");
        assertThat(new LayerSources(root).sources(Digest.sha256("x".getBytes()))).isEmpty();
    }
}

package berth.distribution.push;

import static org.assertj.core.api.Assertions.assertThat;

import berth.content.Digest;
import berth.distribution.Descriptor;
import berth.distribution.ImageManifest;
import berth.distribution.ManifestParser;
import berth.distribution.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaTwoManifestTest {
    private static final Digest CONFIG = Digest.sha256("config".getBytes(StandardCharsets.UTF_8));
    private static final Digest LAYER = Digest.sha256("layer".getBytes(StandardCharsets.UTF_8));

    @Test
    void write_producesGoMarshalIndentBytes() {
        byte[] bytes = SchemaTwoManifest.write(Descriptor.of(MediaTypes.DOCKER_CONFIG, CONFIG, 1469),
                List.of(Descriptor.of(MediaTypes.DOCKER_LAYER_GZIP, LAYER, 772788)));

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("""
                {
                   "schemaVersion": 2,
                   "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                   "config": {
                      "mediaType": "application/vnd.docker.container.image.v1+json",
                      "size": 1469,
                      "digest": "%s"
                   },
                   "layers": [
                      {
                         "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                         "size": 772788,
                         "digest": "%s"
                      }
                   ]
                }""".formatted(CONFIG, LAYER));
        // what dockerd reports for a one-layer image of these sizes ("v1: digest: … size: 527")
        assertThat(bytes).hasSize(527);
    }

    @Test
    void write_readsBackAsTheSameDescriptors() {
        Descriptor config = Descriptor.of(MediaTypes.DOCKER_CONFIG, CONFIG, 10);
        List<Descriptor> layers = List.of(Descriptor.of(MediaTypes.DOCKER_LAYER_GZIP, LAYER, 1),
                Descriptor.of(MediaTypes.DOCKER_LAYER_GZIP, CONFIG, 2));
        byte[] bytes = SchemaTwoManifest.write(config, layers);

        ImageManifest parsed = (ImageManifest) ManifestParser.parse(bytes, MediaTypes.DOCKER_MANIFEST);

        assertThat(parsed.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(parsed.config()).isEqualTo(config);
        assertThat(parsed.layers()).isEqualTo(layers);
        assertThat(parsed.digest()).isEqualTo(Digest.sha256(bytes));
    }

    @Test
    void write_withoutLayers_writesAnEmptyArrayAsGoDoes() {
        String json = new String(SchemaTwoManifest.write(Descriptor.of(MediaTypes.DOCKER_CONFIG, CONFIG, 2), List.of()),
                StandardCharsets.UTF_8);
        assertThat(json).contains("\n   \"layers\": []\n}");
    }
}

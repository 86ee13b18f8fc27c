package berth.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import berth.distribution.MediaTypes.LayerCompression;
import org.junit.jupiter.api.Test;

class MediaTypesTest {
    @Test
    void layerCompression_coversDockerOciAndForeignLayers() {
        assertThat(MediaTypes.layerCompression(MediaTypes.DOCKER_LAYER_GZIP)).hasValue(LayerCompression.GZIP);
        assertThat(MediaTypes.layerCompression(MediaTypes.DOCKER_LAYER_ZSTD)).hasValue(LayerCompression.ZSTD);
        assertThat(MediaTypes.layerCompression(MediaTypes.OCI_LAYER)).hasValue(LayerCompression.NONE);
        assertThat(MediaTypes.layerCompression(MediaTypes.OCI_LAYER_GZIP)).hasValue(LayerCompression.GZIP);
        assertThat(MediaTypes.layerCompression(MediaTypes.OCI_LAYER_ZSTD)).hasValue(LayerCompression.ZSTD);
        assertThat(MediaTypes.layerCompression(MediaTypes.DOCKER_FOREIGN_LAYER_GZIP)).hasValue(LayerCompression.GZIP);
        assertThat(MediaTypes.layerCompression(MediaTypes.OCI_NONDISTRIBUTABLE_LAYER_ZSTD)).hasValue(LayerCompression.ZSTD);
        assertThat(MediaTypes.layerCompression(MediaTypes.OCI_CONFIG)).isEmpty();
        assertThat(MediaTypes.isLayer("application/vnd.example.sbom")).isFalse();
    }

    @Test
    void kinds_areDistinct() {
        assertThat(MediaTypes.isForeignLayer(MediaTypes.DOCKER_FOREIGN_LAYER_GZIP)).isTrue();
        assertThat(MediaTypes.isForeignLayer(MediaTypes.DOCKER_LAYER_GZIP)).isFalse();
        assertThat(MediaTypes.isIndex(MediaTypes.OCI_INDEX)).isTrue();
        assertThat(MediaTypes.isIndex(MediaTypes.DOCKER_MANIFEST_LIST)).isTrue();
        assertThat(MediaTypes.isIndex(MediaTypes.OCI_MANIFEST)).isFalse();
        assertThat(MediaTypes.isImageManifest(MediaTypes.DOCKER_MANIFEST)).isTrue();
        assertThat(MediaTypes.isImageConfig(MediaTypes.DOCKER_CONFIG)).isTrue();
        assertThat(MediaTypes.isSchema1(MediaTypes.DOCKER_SCHEMA1_SIGNED_MANIFEST)).isTrue();
    }

    @Test
    void essence_dropsParametersAndCase() {
        assertThat(MediaTypes.essence(" Application/Vnd.OCI.Image.Index.v1+JSON ; charset=utf-8")).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(MediaTypes.essence(null)).isEmpty();
    }

    @Test
    void manifestAccept_listsEveryParsedType() {
        assertThat(MediaTypes.MANIFEST_ACCEPT).contains(MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST,
                MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);
    }
}

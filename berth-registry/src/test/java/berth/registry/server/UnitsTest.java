package berth.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.content.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server's pure pieces: byte ranges and manifest parsing. */
class UnitsTest {
    @Test
    void span_resolvesTheThreeRangeForms() {
        assertThat(BlobRoutes.span("bytes=0-4", 10)).containsExactly(0, 4);
        assertThat(BlobRoutes.span("bytes=5-", 10)).containsExactly(5, 9);
        assertThat(BlobRoutes.span("bytes=-3", 10)).containsExactly(7, 9);
        assertThat(BlobRoutes.span("bytes=8-100", 10)).containsExactly(8, 9);
        assertThat(BlobRoutes.span("bytes=10-", 10)).isNull();
        assertThat(BlobRoutes.span("bytes=5-2", 10)).isNull();
        assertThat(BlobRoutes.span("bytes=-", 10)).isNull();
    }

    @Test
    void manifestDocument_collectsReferencesSubjectAndArtifactType() {
        Digest c = Digest.sha256(new byte[] {1});
        Digest l = Digest.sha256(new byte[] {2});
        Digest foreign = Digest.sha256(new byte[] {3});
        Digest s = Digest.sha256(new byte[] {4});
        String json = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.example.config\",\"digest\":\"" + c + "\",\"size\":1},"
                + "\"layers\":[{\"digest\":\"" + l + "\",\"size\":1},{\"digest\":\"" + foreign + "\",\"size\":1,\"urls\":[\"http://x\"]}],"
                + "\"subject\":{\"digest\":\"" + s + "\",\"size\":1},\"annotations\":{\"a\":\"b\"}}";
        ManifestDocument doc = ManifestDocument.parse(json.getBytes(StandardCharsets.UTF_8),
                Optional.of("application/vnd.oci.image.manifest.v1+json; charset=utf-8"));
        assertThat(doc.mediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(doc.references()).containsExactly(c, l);
        assertThat(doc.subject()).hasValue(s);
        assertThat(doc.artifactType()).hasValue("application/vnd.example.config");
        assertThat(doc.annotations().orElseThrow().path("a").asText()).isEqualTo("b");
    }

    @Test
    void manifestDocument_refusesAMediaTypeThatContradictsTheHeader() {
        byte[] json = "{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ManifestDocument.parse(json, Optional.of("application/vnd.oci.image.manifest.v1+json")))
                .hasMessageContaining("does not match");
        assertThat(ManifestDocument.parse(json, Optional.empty()).mediaType()).isEqualTo("application/vnd.oci.image.index.v1+json");
    }
}

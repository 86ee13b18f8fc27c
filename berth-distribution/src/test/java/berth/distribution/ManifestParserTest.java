package berth.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.content.Digest;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManifestParserTest {
    static final String D1 = "sha256:" + "a".repeat(64);
    static final String D2 = "sha256:" + "b".repeat(64);
    static final String D3 = "sha256:" + "c".repeat(64);

    static final String DOCKER_MANIFEST = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
              "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1469, "digest": "%s"},
              "layers": [
                {"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 2152262, "digest": "%s"},
                {"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 0, "digest": "%s"}
              ]
            }""".formatted(D1, D2, D3);

    static final String OCI_INDEX = """
            {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
             "manifests": [
               {"mediaType": "application/vnd.oci.image.manifest.v1+json", "size": 100, "digest": "%s",
                "platform": {"architecture": "amd64", "os": "linux"}},
               {"mediaType": "application/vnd.oci.image.manifest.v1+json", "size": 200, "digest": "%s",
                "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"},
                "annotations": {"org.opencontainers.image.ref.name": "x"}}
             ],
             "annotations": {"a": "b"}}""".formatted(D1, D2);

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void assertInvalid(String body, String contentType, String message) {
        assertThatThrownBy(() -> ManifestParser.parse(bytes(body), contentType))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }

    @Test
    void parse_readsDockerSchema2ManifestWithItsDigestAndBytes() {
        Manifest parsed = ManifestParser.parse(bytes(DOCKER_MANIFEST), MediaTypes.DOCKER_MANIFEST);
        assertThat(parsed).isInstanceOf(ImageManifest.class);
        ImageManifest m = (ImageManifest) parsed;
        assertThat(m.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(m.config()).isEqualTo(Descriptor.of(MediaTypes.DOCKER_CONFIG, Digest.parse(D1), 1469));
        assertThat(m.layers()).extracting(Descriptor::size).containsExactly(2152262L, 0L);
        assertThat(m.layers()).extracting(Descriptor::digest).containsExactly(Digest.parse(D2), Digest.parse(D3));
        assertThat(m.raw()).isEqualTo(bytes(DOCKER_MANIFEST));
        assertThat(m.digest()).isEqualTo(Digest.sha256(bytes(DOCKER_MANIFEST)));
        assertThat(m.descriptor().size()).isEqualTo(bytes(DOCKER_MANIFEST).length);
        assertThat(m.isRunnableImage()).isTrue();
        assertThat(m.subject()).isEmpty();
    }

    @Test
    void raw_isADefensiveCopy() {
        ImageManifest m = (ImageManifest) ManifestParser.parse(bytes(DOCKER_MANIFEST), null);
        m.raw()[0] = 'X';
        assertThat(m.raw()).isEqualTo(bytes(DOCKER_MANIFEST));
    }

    @Test
    void parse_readsOciIndexWithPlatformsNormalised() {
        ManifestIndex index = (ManifestIndex) ManifestParser.parse(bytes(OCI_INDEX), MediaTypes.OCI_INDEX + "; charset=utf-8");
        assertThat(index.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(index.manifests()).hasSize(2);
        assertThat(index.manifests().get(0).platform()).hasValue(Platform.LINUX_AMD64);
        assertThat(index.manifests().get(1).platform()).hasValue(new Platform("linux", "arm64", Optional.empty()));
        assertThat(index.manifests().get(1).annotations()).containsEntry("org.opencontainers.image.ref.name", "x");
        assertThat(index.annotations()).containsEntry("a", "b");
    }

    @Test
    void parse_withoutMediaTypeFieldTakesContentTypeThenShape() {
        String noType = DOCKER_MANIFEST.replace("\"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\",", "");
        assertThat(ManifestParser.parse(bytes(noType), MediaTypes.DOCKER_MANIFEST).mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(ManifestParser.parse(bytes(noType), "application/json").mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        String indexNoType = OCI_INDEX.replace("\"mediaType\": \"application/vnd.oci.image.index.v1+json\",", "");
        assertThat(ManifestParser.parse(bytes(indexNoType), null)).isInstanceOf(ManifestIndex.class);
    }

    @Test
    void parse_readsDockerManifestListAndOciManifestWithSubject() {
        String list = OCI_INDEX.replace(MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST);
        assertThat(ManifestParser.parse(bytes(list), MediaTypes.DOCKER_MANIFEST_LIST).mediaType())
                .isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
        String oci = """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
                 "config":{"mediaType":"application/vnd.example+json","size":2,"digest":"%s"},
                 "layers":[],
                 "subject":{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":7,"digest":"%s"}}"""
                .formatted(D1, D2);
        ImageManifest m = (ImageManifest) ManifestParser.parse(bytes(oci), MediaTypes.OCI_MANIFEST);
        assertThat(m.layers()).isEmpty();
        assertThat(m.subject()).map(Descriptor::digest).hasValue(Digest.parse(D2));
        assertThat(m.isRunnableImage()).isFalse();
    }

    @Test
    void parse_rejectsOversizedBodyBeforeParsing() {
        byte[] big = new byte[ManifestParser.MAX_MANIFEST_BYTES + 1];
        assertThatThrownBy(() -> ManifestParser.parse(big, MediaTypes.OCI_MANIFEST))
                .isInstanceOf(BerthException.class).hasMessageContaining("exceeds the limit of 4194304 bytes");
    }

    @Test
    void parse_rejectsEmptyAndMalformedJson() {
        assertInvalid("", null, "empty body");
        assertInvalid("{\"schemaVersion\": 2,", MediaTypes.OCI_MANIFEST, "malformed JSON");
        assertInvalid("[1,2]", MediaTypes.OCI_MANIFEST, "not a JSON object");
        assertInvalid(DOCKER_MANIFEST + " {}", null, "malformed JSON");
        assertInvalid("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}", null, "nesting depth");
    }

    @Test
    void parse_rejectsDuplicateKeys() {
        assertInvalid(DOCKER_MANIFEST.replace("\"schemaVersion\": 2,", "\"schemaVersion\": 2, \"schemaVersion\": 2,"),
                null, "Duplicate field");
    }

    @Test
    void parse_rejectsWrongSchemaVersionAndSchema1() {
        assertInvalid(DOCKER_MANIFEST.replace("\"schemaVersion\": 2", "\"schemaVersion\": 3"), null, "schemaVersion must be 2, got 3");
        assertInvalid(DOCKER_MANIFEST.replace("\"schemaVersion\": 2", "\"schemaVersion\": \"2\""), null, "schemaVersion must be 2");
        assertInvalid(DOCKER_MANIFEST.replace("\"schemaVersion\": 2,", ""), null, "schemaVersion must be 2, got null");
        assertInvalid("{\"schemaVersion\":1,\"name\":\"x\",\"fsLayers\":[]}", MediaTypes.DOCKER_SCHEMA1_SIGNED_MANIFEST,
                "schema 1 is no longer supported");
    }

    @Test
    void parse_rejectsUnknownOrConflictingMediaType() {
        assertInvalid(DOCKER_MANIFEST.replace(MediaTypes.DOCKER_MANIFEST, "application/vnd.example+json"), null,
                "unsupported media type application/vnd.example+json");
        assertInvalid("{\"schemaVersion\":2}", "text/html", "unsupported media type text/html");
        assertInvalid(DOCKER_MANIFEST, MediaTypes.OCI_MANIFEST, "does not match Content-Type");
        assertInvalid(DOCKER_MANIFEST.replace("\"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\"",
                "\"mediaType\": 5"), null, "mediaType must be a string");
    }

    @Test
    void parse_rejectsManifestShapedLikeTheOtherKind() {
        assertInvalid(DOCKER_MANIFEST.replace("\"layers\"", "\"manifests\": [], \"layers\""), null, "must not have manifests");
        assertInvalid(OCI_INDEX.replace("\"manifests\"", "\"layers\": [], \"manifests\""), null, "must not have config or layers");
    }

    @Test
    void parse_rejectsMissingConfigOrLayers() {
        String noConfig = """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","layers":[]}""";
        assertInvalid(noConfig, null, "missing config");
        String noLayers = """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
                 "config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":2,"digest":"%s"}}""".formatted(D1);
        assertInvalid(noLayers, null, "missing layers");
        assertInvalid(noLayers.replace("}}", "},\"layers\":{}}"), null, "layers must be an array");
        assertInvalid("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\"}", null, "missing manifests");
    }

    @Test
    void parse_rejectsBadDescriptors() {
        assertInvalid(DOCKER_MANIFEST.replace(D2, "sha256:1234"), null, "layers[0].digest: invalid sha256 digest");
        assertInvalid(DOCKER_MANIFEST.replace(D2, "md5:" + "a".repeat(32)), null, "unsupported digest algorithm");
        assertInvalid(DOCKER_MANIFEST.replace("\"digest\": \"" + D1 + "\"", "\"digest\": 7"), null, "config.digest must be a string");
        assertInvalid(DOCKER_MANIFEST.replace("2152262", "-1"), null, "layers[0].size must not be negative, got -1");
        assertInvalid(DOCKER_MANIFEST.replace("2152262", "1.5"), null, "layers[0].size must be an integer");
        assertInvalid(DOCKER_MANIFEST.replace("2152262", "\"12\""), null, "layers[0].size must be an integer");
        assertInvalid(DOCKER_MANIFEST.replace("2152262", "99999999999999999999999"), null, "layers[0].size must be an integer");
        assertInvalid(DOCKER_MANIFEST.replace("\"size\": 0,", ""), null, "layers[1].size must be an integer");
        assertInvalid(DOCKER_MANIFEST.replace("\"mediaType\": \"application/vnd.docker.container.image.v1+json\",", ""),
                null, "config.mediaType must be a non-empty string");
        assertInvalid(DOCKER_MANIFEST.replace("\"config\": {", "\"config\": [{").replace("\"%s\"},".formatted(D1), "\"%s\"}],".formatted(D1)),
                null, "config must be an object");
    }

    @Test
    void parse_rejectsBadPlatformsUrlsAndAnnotations() {
        assertInvalid(OCI_INDEX.replace("\"architecture\": \"amd64\", ", ""), null, "manifests[0].platform must have string os and architecture");
        assertInvalid(OCI_INDEX.replace("\"os\": \"linux\", \"variant\": \"v8\"", "\"os\": \"linux\", \"variant\": 8"), null,
                "manifests[1].platform.variant must be a string");
        assertInvalid(OCI_INDEX.replace("\"architecture\": \"amd64\"", "\"architecture\": \"../x\""), null, "manifests[0].platform");
        assertInvalid(OCI_INDEX.replace("\"a\": \"b\"", "\"a\": 1"), null, "annotations.a must be a string");
        assertInvalid(DOCKER_MANIFEST.replace("\"size\": 0,", "\"size\": 0, \"urls\": [1],"), null, "layers[1].urls must be an array of strings");
    }

    @Test
    void parse_keepsForeignLayerUrls() {
        String foreign = DOCKER_MANIFEST.replace("\"size\": 0,", "\"size\": 0, \"urls\": [\"https://example.com/l\"],")
                .replace("\"application/vnd.docker.image.rootfs.diff.tar.gzip\", \"size\": 0",
                        "\"" + MediaTypes.DOCKER_FOREIGN_LAYER_GZIP + "\", \"size\": 0");
        ImageManifest m = (ImageManifest) ManifestParser.parse(bytes(foreign), null);
        assertThat(m.layers().get(1).urls()).containsExactly("https://example.com/l");
        assertThat(MediaTypes.isForeignLayer(m.layers().get(1).mediaType())).isTrue();
    }
}

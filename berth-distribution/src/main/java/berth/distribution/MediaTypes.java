package berth.distribution;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The media types a registry serves: Docker's schema 2 and the OCI image spec's. A manifest's type
 * decides how its bytes are read; a layer's type decides how it is decompressed, and whether it is
 * fetched at all (foreign layers live outside the registry and are never pulled, as in dockerd).
 */
public final class MediaTypes {
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_SCHEMA1_MANIFEST = "application/vnd.docker.distribution.manifest.v1+json";
    public static final String DOCKER_SCHEMA1_SIGNED_MANIFEST = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String DOCKER_LAYER_ZSTD = "application/vnd.docker.image.rootfs.diff.tar.zstd";
    public static final String DOCKER_FOREIGN_LAYER_GZIP = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    public static final String OCI_NONDISTRIBUTABLE_LAYER = "application/vnd.oci.image.layer.nondistributable.v1.tar";
    public static final String OCI_NONDISTRIBUTABLE_LAYER_GZIP = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
    public static final String OCI_NONDISTRIBUTABLE_LAYER_ZSTD = "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";

    /** How a layer blob is compressed. */
    public enum LayerCompression { NONE, GZIP, ZSTD }

    private static final Set<String> IMAGE_MANIFESTS = Set.of(DOCKER_MANIFEST, OCI_MANIFEST);
    private static final Set<String> INDEXES = Set.of(DOCKER_MANIFEST_LIST, OCI_INDEX);
    private static final Set<String> SCHEMA1 = Set.of(DOCKER_SCHEMA1_MANIFEST, DOCKER_SCHEMA1_SIGNED_MANIFEST);
    private static final Set<String> CONFIGS = Set.of(DOCKER_CONFIG, OCI_CONFIG);
    private static final Set<String> FOREIGN_LAYERS = Set.of(DOCKER_FOREIGN_LAYER_GZIP,
            OCI_NONDISTRIBUTABLE_LAYER, OCI_NONDISTRIBUTABLE_LAYER_GZIP, OCI_NONDISTRIBUTABLE_LAYER_ZSTD);

    /** What a client sends as {@code Accept} when it fetches a manifest: every type {@link ManifestParser} reads. */
    public static final String MANIFEST_ACCEPT = String.join(", ", OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

    private MediaTypes() {
    }

    /** The bare type of a {@code Content-Type} value: parameters dropped, lower case, trimmed. */
    public static String essence(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String bare = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return bare.strip().toLowerCase(Locale.ROOT);
    }

    public static boolean isImageManifest(String mediaType) {
        return IMAGE_MANIFESTS.contains(mediaType);
    }

    public static boolean isIndex(String mediaType) {
        return INDEXES.contains(mediaType);
    }

    /** Docker's schema 1, which dockerd and containerd no longer pull. */
    public static boolean isSchema1(String mediaType) {
        return SCHEMA1.contains(mediaType);
    }

    public static boolean isImageConfig(String mediaType) {
        return CONFIGS.contains(mediaType);
    }

    /** Layers whose blobs are not in the registry (Windows base layers); they are not pulled or pushed. */
    public static boolean isForeignLayer(String mediaType) {
        return FOREIGN_LAYERS.contains(mediaType);
    }

    /** A layer type, with its compression; empty for a type that is not an image layer. */
    public static Optional<LayerCompression> layerCompression(String mediaType) {
        return Optional.ofNullable(switch (mediaType) {
            case OCI_LAYER, OCI_NONDISTRIBUTABLE_LAYER -> LayerCompression.NONE;
            case DOCKER_LAYER_GZIP, DOCKER_FOREIGN_LAYER_GZIP, OCI_LAYER_GZIP, OCI_NONDISTRIBUTABLE_LAYER_GZIP -> LayerCompression.GZIP;
            case DOCKER_LAYER_ZSTD, OCI_LAYER_ZSTD, OCI_NONDISTRIBUTABLE_LAYER_ZSTD -> LayerCompression.ZSTD;
            default -> null;
        });
    }

    public static boolean isLayer(String mediaType) {
        return layerCompression(mediaType).isPresent();
    }
}

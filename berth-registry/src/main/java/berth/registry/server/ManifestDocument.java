package berth.registry.server;

import berth.content.Digest;
import berth.registry.storage.RegistryDigests;
import berth.registry.storage.RegistryError;
import berth.registry.storage.RegistryException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the registry needs to know of a pushed manifest (OCI or Docker schema 2, image or index): its
 * media type, the digests it references (config, layers, child manifests — those must be in the
 * repository), its {@code subject} for the referrers API, and its artifact type and annotations for
 * the referrers listing. Everything else in it is opaque.
 */
record ManifestDocument(String mediaType, List<Digest> references, Optional<Digest> subject,
        Optional<String> artifactType, Optional<ObjectNode> annotations) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Layers a client never pushes (Windows base layers): served from their URLs, not this registry. */
    private static final String SCHEMA1 = "application/vnd.docker.distribution.manifest.v1";
    private static final String FOREIGN = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    ManifestDocument {
        references = List.copyOf(references);
    }

    /** Parses a manifest; the media type comes from {@code contentType}, else the document's own field. */
    static ManifestDocument parse(byte[] content, Optional<String> contentType) {
        JsonNode doc;
        try {
            doc = JSON.readTree(content);
        } catch (IOException e) {
            throw invalid("not valid JSON: " + e.getMessage());
        }
        if (doc == null || !doc.isObject()) {
            throw invalid("not a JSON object");
        }
        Optional<String> declared = text(doc, "mediaType");
        Optional<String> header = contentType.map(ManifestDocument::baseType).filter(s -> !s.isEmpty());
        String mediaType = header.or(() -> declared)
                .orElseThrow(() -> invalid("no media type: send Content-Type or a mediaType field"));
        if (mediaType.startsWith(SCHEMA1) || doc.path("schemaVersion").asInt(2) == 1) {
            throw invalid("schema 1 manifests are not supported; push schema 2 or OCI");
        }
        if (declared.isPresent() && header.isPresent() && !declared.get().equals(header.get())) {
            throw invalid("mediaType " + declared.get() + " does not match Content-Type " + header.get());
        }
        List<Digest> refs = new ArrayList<>();
        JsonNode config = doc.path("config");
        if (config.isObject()) {
            refs.add(digestOf(config, "config"));
        }
        for (JsonNode layer : doc.path("layers")) {
            boolean foreign = FOREIGN.equals(layer.path("mediaType").asText()) || layer.path("urls").size() > 0;
            if (!foreign) {
                refs.add(digestOf(layer, "layers[]"));
            }
        }
        for (JsonNode child : doc.path("manifests")) {
            refs.add(digestOf(child, "manifests[]"));
        }
        Optional<Digest> subject = doc.path("subject").isObject() ? Optional.of(digestOf(doc.path("subject"), "subject")) : Optional.empty();
        Optional<String> artifactType = text(doc, "artifactType").or(() -> config.isObject() ? text(config, "mediaType") : Optional.empty());
        Optional<ObjectNode> annotations = doc.path("annotations").isObject() ? Optional.of((ObjectNode) doc.path("annotations")) : Optional.empty();
        return new ManifestDocument(mediaType, refs, subject, artifactType, annotations);
    }

    private static Digest digestOf(JsonNode descriptor, String where) {
        String d = descriptor.path("digest").asText("");
        if (d.isEmpty()) {
            throw invalid(where + " has no digest");
        }
        try {
            return RegistryDigests.parse(d);
        } catch (RegistryException e) {
            throw invalid(where + " has an invalid digest: " + d);
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isEmpty() ? Optional.of(v.asText()) : Optional.empty();
    }

    static String baseType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip();
    }

    private static RegistryException invalid(String why) {
        return new RegistryException(RegistryError.MANIFEST_INVALID, "manifest invalid: " + why);
    }
}

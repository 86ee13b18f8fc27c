package berth.distribution;

import berth.content.Digest;
import berth.errors.BerthException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a manifest or index from the bytes a registry (or a pushing client) sent. The bytes are
 * hostile: they are size-capped before parsing, duplicate keys are refused (two parsers must not
 * see two different documents), and every field the engine relies on is checked for type and
 * range. Every failure is INVALID_ARGUMENT with a message that names the field.
 *
 * <p>The type is the document's own {@code mediaType} when it has one, else the {@code Content-Type}
 * it came with, else what its fields say ({@code manifests} → index, {@code config} → manifest) as
 * for old OCI documents that omit it. The two must agree when both name a manifest type.
 */
public final class ManifestParser {
    /** The largest manifest accepted, as containerd's limit: real ones are a few KiB. */
    public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ManifestParser() {
    }

    /**
     * Parses {@code body}; {@code contentType} may be null or a generic type such as
     * {@code application/json}, and may carry parameters.
     */
    public static Manifest parse(byte[] body, String contentType) {
        if (body == null || body.length == 0) {
            throw BerthException.invalid("invalid manifest: empty body");
        }
        if (body.length > MAX_MANIFEST_BYTES) {
            throw BerthException.invalid("invalid manifest: " + body.length + " bytes exceeds the limit of "
                    + MAX_MANIFEST_BYTES + " bytes");
        }
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw BerthException.invalid("invalid manifest: not a JSON object");
        }
        String mediaType = mediaTypeOf(root, MediaTypes.essence(contentType));
        int schemaVersion = root.path("schemaVersion").isInt() ? root.path("schemaVersion").intValue() : -1;
        if (schemaVersion == 1 || MediaTypes.isSchema1(mediaType)) {
            throw BerthException.invalid("invalid manifest: Docker image manifest version 2, schema 1 is no longer supported;"
                    + " the image must be pushed again as Docker schema 2 or OCI");
        }
        if (schemaVersion != 2) {
            throw BerthException.invalid("invalid manifest: schemaVersion must be 2, got " + root.get("schemaVersion"));
        }
        Digest digest = Digest.sha256(body);
        if (MediaTypes.isIndex(mediaType)) {
            if (root.has("config") || root.has("layers")) {
                throw BerthException.invalid("invalid manifest: " + mediaType + " must not have config or layers");
            }
            List<Descriptor> manifests = descriptors(root, "manifests", true);
            return new ManifestIndex(mediaType, manifests, stringMap(root, "annotations"), digest, body);
        }
        if (root.has("manifests")) {
            throw BerthException.invalid("invalid manifest: " + mediaType + " must not have manifests");
        }
        JsonNode config = root.get("config");
        if (config == null || config.isNull()) {
            throw BerthException.invalid("invalid manifest: missing config");
        }
        Descriptor configDescriptor = descriptor(config, "config", false);
        List<Descriptor> layers = descriptors(root, "layers", false);
        Optional<Descriptor> subject = root.has("subject")
                ? Optional.of(descriptor(root.get("subject"), "subject", false)) : Optional.empty();
        return new ImageManifest(mediaType, configDescriptor, layers, stringMap(root, "annotations"), subject,
                digest, body);
    }

    private static JsonNode readTree(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw BerthException.invalid("invalid manifest: empty body");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw BerthException.invalid("invalid manifest: malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw BerthException.invalid("invalid manifest: " + e.getMessage(), e);
        }
    }

    private static String mediaTypeOf(JsonNode root, String contentType) {
        JsonNode field = root.get("mediaType");
        if (field != null && !field.isTextual()) {
            throw BerthException.invalid("invalid manifest: mediaType must be a string");
        }
        String declared = field == null ? "" : field.textValue();
        boolean typedHeader = isManifestType(contentType);
        if (!declared.isEmpty() && typedHeader && !declared.equals(contentType)) {
            throw BerthException.invalid("invalid manifest: mediaType " + declared + " does not match Content-Type " + contentType);
        }
        String type = !declared.isEmpty() ? declared
                : typedHeader ? contentType
                : root.has("manifests") ? MediaTypes.OCI_INDEX
                : root.has("config") ? MediaTypes.OCI_MANIFEST
                : contentType;
        if (!isManifestType(type)) {
            throw BerthException.invalid("invalid manifest: unsupported media type " + (type.isEmpty() ? "(none)" : type)
                    + " (supported: " + MediaTypes.MANIFEST_ACCEPT + ")");
        }
        return type;
    }

    private static boolean isManifestType(String type) {
        return MediaTypes.isImageManifest(type) || MediaTypes.isIndex(type) || MediaTypes.isSchema1(type);
    }

    private static List<Descriptor> descriptors(JsonNode root, String field, boolean withPlatform) {
        JsonNode array = root.get(field);
        if (array == null || !array.isArray()) {
            throw BerthException.invalid("invalid manifest: " + (array == null ? "missing " + field : field + " must be an array"));
        }
        List<Descriptor> result = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            result.add(descriptor(array.get(i), field + "[" + i + "]", withPlatform));
        }
        return result;
    }

    private static Descriptor descriptor(JsonNode node, String where, boolean withPlatform) {
        if (!node.isObject()) {
            throw BerthException.invalid("invalid manifest: " + where + " must be an object");
        }
        JsonNode mediaType = node.get("mediaType");
        if (mediaType == null || !mediaType.isTextual() || mediaType.textValue().isBlank()) {
            throw BerthException.invalid("invalid manifest: " + where + ".mediaType must be a non-empty string");
        }
        JsonNode digestNode = node.get("digest");
        if (digestNode == null || !digestNode.isTextual()) {
            throw BerthException.invalid("invalid manifest: " + where + ".digest must be a string");
        }
        Digest digest;
        try {
            digest = Digest.parse(digestNode.textValue());
        } catch (BerthException e) {
            throw BerthException.invalid("invalid manifest: " + where + ".digest: " + e.getMessage(), e);
        }
        JsonNode size = node.get("size");
        if (size == null || !size.isIntegralNumber() || !size.canConvertToLong()) {
            throw BerthException.invalid("invalid manifest: " + where + ".size must be an integer");
        }
        if (size.longValue() < 0) {
            throw BerthException.invalid("invalid manifest: " + where + ".size must not be negative, got " + size.longValue());
        }
        List<String> urls = new ArrayList<>();
        JsonNode urlsNode = node.get("urls");
        if (urlsNode != null && !urlsNode.isNull()) {
            if (!urlsNode.isArray()) {
                throw BerthException.invalid("invalid manifest: " + where + ".urls must be an array of strings");
            }
            for (JsonNode url : urlsNode) {
                if (!url.isTextual()) {
                    throw BerthException.invalid("invalid manifest: " + where + ".urls must be an array of strings");
                }
                urls.add(url.textValue());
            }
        }
        Optional<Platform> platform = withPlatform && node.has("platform") && !node.get("platform").isNull()
                ? Optional.of(platform(node.get("platform"), where)) : Optional.empty();
        return new Descriptor(mediaType.textValue(), digest, size.longValue(), urls, stringMap(node, "annotations"), platform);
    }

    private static Platform platform(JsonNode node, String where) {
        if (!node.isObject() || !node.path("os").isTextual() || !node.path("architecture").isTextual()) {
            throw BerthException.invalid("invalid manifest: " + where + ".platform must have string os and architecture");
        }
        JsonNode variant = node.get("variant");
        if (variant != null && !variant.isNull() && !variant.isTextual()) {
            throw BerthException.invalid("invalid manifest: " + where + ".platform.variant must be a string");
        }
        try {
            return Platform.of(node.get("os").textValue(), node.get("architecture").textValue(),
                    Optional.ofNullable(variant).filter(JsonNode::isTextual).map(JsonNode::textValue));
        } catch (BerthException e) {
            throw BerthException.invalid("invalid manifest: " + where + ".platform: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> stringMap(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw BerthException.invalid("invalid manifest: " + field + " must be an object of strings");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (var entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw BerthException.invalid("invalid manifest: " + field + "." + entry.getKey() + " must be a string");
            }
            result.put(entry.getKey(), entry.getValue().textValue());
        }
        return result;
    }
}

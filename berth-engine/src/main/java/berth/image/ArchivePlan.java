package berth.image;

import berth.content.Digest;
import berth.errors.BerthException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides from a staged archive which images it holds: the Docker save format (manifest.json, each
 * item naming a config file, layer files and RepoTags) or the OCI image layout (index.json and
 * {@code blobs/sha256/}, descriptors verified against the staged bytes). Nothing is stored here.
 */
final class ArchivePlan {
    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    private static final String NAME_ANNOTATION = "io.containerd.image.name";
    private static final String REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";
    private static final int MAX_INDEX_DEPTH = 4;

    /** One image to load: its exact config bytes, layer files base first, and the tags to give it. */
    record Item(byte[] config, Digest id, ImageConfigJson.Parsed parsed, List<StagedArchive.Staged> layers,
                List<ImageReference> tags) {}

    private ArchivePlan() {}

    static List<Item> of(StagedArchive a) {
        if (a.contains("manifest.json")) {
            return dockerFormat(a);
        }
        if (a.contains("index.json")) {
            return ociLayout(a);
        }
        throw BerthException.invalid("invalid tar: neither manifest.json (docker save format) nor index.json (OCI image layout) found in the archive");
    }

    private static JsonNode json(StagedArchive a, String name, String what) {
        try {
            return ImageConfigJson.JSON.readTree(a.bytes(name, what));
        } catch (IOException e) {
            throw BerthException.invalid("invalid tar: " + what + " " + name + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static List<Item> dockerFormat(StagedArchive a) {
        JsonNode manifest = json(a, "manifest.json", "manifest");
        if (!manifest.isArray()) {
            throw BerthException.invalid("invalid tar: manifest.json is not a JSON array");
        }
        List<Item> items = new ArrayList<>();
        for (JsonNode m : manifest) {
            String configName = m.path("Config").asText("");
            if (configName.isEmpty()) {
                throw BerthException.invalid("invalid tar: a manifest.json entry has no Config");
            }
            byte[] config = a.bytes(configName, "image config");
            ImageConfigJson.Parsed parsed = ImageConfigJson.parse(config);
            JsonNode layerNames = m.path("Layers");
            if (layerNames.size() != parsed.diffIds().size()) {
                throw BerthException.invalid("invalid manifest, layers length mismatch: expected " + parsed.diffIds().size()
                        + ", got " + layerNames.size());
            }
            List<StagedArchive.Staged> layers = new ArrayList<>();
            for (JsonNode l : layerNames) {
                layers.add(a.get(l.asText(), "layer"));
            }
            List<ImageReference> tags = new ArrayList<>();
            for (JsonNode t : m.path("RepoTags")) {
                ImageReference ref = ImageReference.parse(t.asText());
                if (ref.tag().isEmpty() || ref.digest().isPresent()) {
                    throw BerthException.invalid("invalid tag \"" + t.asText() + "\" in manifest.json");
                }
                tags.add(ref);
            }
            items.add(new Item(config, Digest.sha256(config), parsed, layers, tags));
        }
        return items;
    }

    private static List<Item> ociLayout(StagedArchive a) {
        JsonNode index = json(a, "index.json", "OCI index");
        List<Item> items = new ArrayList<>();
        collect(a, index, Optional.empty(), items, 0);
        if (items.isEmpty()) {
            throw BerthException.invalid("invalid tar: index.json lists no linux/amd64 image manifest");
        }
        return items;
    }

    private static void collect(StagedArchive a, JsonNode index, Optional<ImageReference> name, List<Item> out, int depth) {
        if (depth > MAX_INDEX_DEPTH) {
            throw BerthException.invalid("invalid tar: OCI indexes nested too deeply");
        }
        for (JsonNode desc : index.path("manifests")) {
            JsonNode platform = desc.path("platform");
            if (platform.isObject() && (!"linux".equals(platform.path("os").asText("linux"))
                    || !"amd64".equals(platform.path("architecture").asText("amd64")))) {
                continue;
            }
            Optional<ImageReference> ref = nameOf(desc).or(() -> name);
            String mediaType = desc.path("mediaType").asText("");
            JsonNode blob = blobJson(a, desc);
            if (mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_LIST) || blob.has("manifests")) {
                collect(a, blob, ref, out, depth + 1);
                continue;
            }
            JsonNode configDesc = blob.path("config");
            byte[] config = blobBytes(a, configDesc);
            ImageConfigJson.Parsed parsed = ImageConfigJson.parse(config);
            JsonNode layerDescs = blob.path("layers");
            if (layerDescs.size() != parsed.diffIds().size()) {
                throw BerthException.invalid("invalid manifest, layers length mismatch: expected " + parsed.diffIds().size()
                        + ", got " + layerDescs.size());
            }
            List<StagedArchive.Staged> layers = new ArrayList<>();
            for (JsonNode l : layerDescs) {
                layers.add(blob(a, l));
            }
            out.add(new Item(config, Digest.sha256(config), parsed, layers, ref.map(List::of).orElse(List.of())));
        }
    }

    private static Optional<ImageReference> nameOf(JsonNode desc) {
        JsonNode ann = desc.path("annotations");
        String full = ann.path(NAME_ANNOTATION).asText("");
        if (full.isEmpty()) {
            String refName = ann.path(REF_NAME_ANNOTATION).asText("");
            // A bare "latest" is only a tag in the layout; only a full reference names an image.
            if (refName.contains("/") || refName.contains(":")) {
                full = refName;
            }
        }
        if (full.isEmpty()) {
            return Optional.empty();
        }
        ImageReference ref = ImageReference.parse(full).withDefaultTag();
        return ref.digest().isPresent() ? Optional.empty() : Optional.of(ref);
    }

    private static StagedArchive.Staged blob(StagedArchive a, JsonNode desc) {
        Digest d = Digest.parse(desc.path("digest").asText(""));
        StagedArchive.Staged s = a.get("blobs/" + d.algorithm() + "/" + d.hex(), "blob");
        if (!s.info().digest().equals(d)) {
            throw BerthException.invalid("invalid tar: blob " + d + " has content with digest " + s.info().digest());
        }
        if (desc.has("size") && desc.get("size").asLong() != s.info().size()) {
            throw BerthException.invalid("invalid tar: blob " + d + " is " + s.info().size() + " bytes, its descriptor says "
                    + desc.get("size").asLong());
        }
        return s;
    }

    private static byte[] blobBytes(StagedArchive a, JsonNode desc) {
        StagedArchive.Staged s = blob(a, desc);
        Digest d = s.info().digest();
        return a.bytes("blobs/" + d.algorithm() + "/" + d.hex(), "blob");
    }

    private static JsonNode blobJson(StagedArchive a, JsonNode desc) {
        try {
            return ImageConfigJson.JSON.readTree(blobBytes(a, desc));
        } catch (IOException e) {
            throw BerthException.invalid("invalid tar: manifest blob " + desc.path("digest").asText() + " is not valid JSON", e);
        }
    }
}

package berth.image;

import berth.content.Digest;
import berth.errors.BerthException;
import berth.store.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The durable map from full references ({@code docker.io/library/busybox:latest}, or
 * {@code name@sha256:...} for pulled digests) to image IDs: {@code <root>/images/repositories.json},
 * replaced atomically on every change. Not thread-safe: the image service serialises writers.
 */
final class ReferenceStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    ReferenceStore(Path imagesDir) {
        this.file = imagesDir.resolve("repositories.json");
    }

    Map<String, Digest> read() {
        Map<String, Digest> out = new TreeMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            root.path("references").properties().forEach(e -> out.put(e.getKey(), Digest.parse(e.getValue().asText())));
            return out;
        } catch (IOException e) {
            throw BerthException.internal("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    void write(Map<String, Digest> refs) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode r = root.putObject("references");
        new TreeMap<>(refs).forEach((k, v) -> r.put(k, v.toString()));
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw BerthException.internal("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}

package berth.distribution.pull;

import berth.content.Digest;
import berth.distribution.Platform;
import berth.errors.BerthException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a pull needs from an image config before handing it to the store: the layers' DiffIDs, to match
 * the manifest's layers and skip those present, and the platform, for an index entry that declared none.
 */
public record PulledConfig(List<Digest> diffIds, Optional<Platform> platform) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public PulledConfig {
        diffIds = List.copyOf(diffIds);
    }

    public static PulledConfig parse(byte[] config, Digest digest) {
        JsonNode root;
        try {
            root = JSON.readTree(config);
        } catch (IOException e) {
            throw BerthException.invalid("invalid image config " + digest + ": malformed JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw BerthException.invalid("invalid image config " + digest + ": not a JSON object");
        }
        JsonNode ids = root.path("rootfs").path("diff_ids");
        if (!ids.isArray()) {
            throw BerthException.invalid("invalid image config " + digest + ": rootfs.diff_ids must be an array");
        }
        List<Digest> diffIds = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.isTextual()) {
                throw BerthException.invalid("invalid image config " + digest + ": rootfs.diff_ids must hold digests");
            }
            diffIds.add(Digest.parse(id.textValue()));
        }
        Optional<Platform> platform = Optional.empty();
        if (root.path("os").isTextual() && root.path("architecture").isTextual()) {
            try {
                platform = Optional.of(Platform.of(root.get("os").textValue(), root.get("architecture").textValue(),
                        Optional.ofNullable(root.get("variant")).filter(JsonNode::isTextual).map(JsonNode::textValue)));
            } catch (BerthException e) {
                platform = Optional.empty();
            }
        }
        return new PulledConfig(diffIds, platform);
    }
}

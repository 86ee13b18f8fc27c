package berth.distribution.push;

import berth.distribution.Descriptor;
import berth.distribution.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a Docker schema 2 image manifest as dockerd does: Go's {@code json.MarshalIndent} with a
 * three-space indent and fields in its struct order, so the same blobs give the same bytes, and so the
 * same manifest digest, whichever daemon pushed them.
 */
final class SchemaTwoManifest {
    private SchemaTwoManifest() {
    }

    /** The manifest's bytes for a config descriptor and layer descriptors, base layer first. */
    static byte[] write(Descriptor config, List<Descriptor> layers) {
        StringBuilder json = new StringBuilder();
        json.append("{\n");
        json.append("   \"schemaVersion\": 2,\n");
        json.append("   \"mediaType\": ").append(quote(MediaTypes.DOCKER_MANIFEST)).append(",\n");
        json.append("   \"config\": ");
        descriptor(json, config, "   ");
        json.append(",\n");
        json.append("   \"layers\": [");
        for (int i = 0; i < layers.size(); i++) {
            json.append(i == 0 ? "\n      " : ",\n      ");
            descriptor(json, layers.get(i), "      ");
        }
        json.append(layers.isEmpty() ? "]\n" : "\n   ]\n");
        json.append("}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void descriptor(StringBuilder json, Descriptor d, String indent) {
        json.append("{\n");
        json.append(indent).append("   \"mediaType\": ").append(quote(d.mediaType())).append(",\n");
        json.append(indent).append("   \"size\": ").append(d.size()).append(",\n");
        json.append(indent).append("   \"digest\": ").append(quote(d.digest().toString())).append("\n");
        json.append(indent).append("}");
    }

    /** Media types and digests are plain ASCII tokens; anything else would be a bug upstream. */
    private static String quote(String s) {
        if (!s.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\')) {
            throw new IllegalArgumentException("not a plain token: " + s);
        }
        return "\"" + s + "\"";
    }
}

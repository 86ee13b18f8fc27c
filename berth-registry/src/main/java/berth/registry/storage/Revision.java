package berth.registry.storage;

import berth.content.Digest;
import berth.errors.BerthException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A manifest's entry in a repository, {@code _manifests/revisions/sha256/<hex>}: its media type on the
 * first line, then one referenced digest per line. The manifest's bytes are a blob in the {@link BlobStore}.
 */
record Revision(Digest digest, String mediaType, List<Digest> references) {
    Revision {
        references = List.copyOf(references);
    }

    byte[] encode() {
        StringBuilder sb = new StringBuilder(mediaType).append('\n');
        for (Digest d : references) {
            sb.append(d).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Revision decode(Digest digest, byte[] bytes) {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        if (lines.length == 0 || lines[0].isEmpty()) {
            throw BerthException.internal("corrupt manifest revision " + digest + ": no media type", null);
        }
        List<Digest> refs = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isEmpty()) {
                refs.add(Digest.parse(lines[i]));
            }
        }
        return new Revision(digest, lines[0], refs);
    }
}

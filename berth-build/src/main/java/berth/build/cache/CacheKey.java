package berth.build.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a build step is cached by: the image it runs on, its history text (which carries the build args
 * in scope, {@code |1 V=2 /bin/sh -c make}), the config it leaves (so two steps that read alike but
 * leave different configs never share a result) and, for COPY/ADD, the digest of what is copied.
 *
 * @param parent    the parent image's ID ({@code sha256:...}), or empty for a step on nothing
 * @param createdBy the step's history entry
 * @param config    a canonical text of the image config after the step
 * @param content   the COPY/ADD content digest; empty for other steps
 */
public record CacheKey(String parent, String createdBy, String config, String content) {
    public CacheKey {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(content, "content");
    }

    /** The key's ID: sha256 hex over its parts, each length-prefixed so no two keys run together. */
    public String id() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {"berth-build-cache-v1", parent, createdBy, config, content}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

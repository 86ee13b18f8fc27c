package berth.content;

import berth.errors.BerthException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest such as {@code sha256:9f86d0...}. Only sha256 is accepted. */
public record Digest(String algorithm, String hex) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (!"sha256".equals(algorithm)) {
            throw BerthException.invalid("unsupported digest algorithm: " + algorithm + " (only sha256 is supported)");
        }
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw BerthException.invalid("invalid sha256 digest: " + hex);
        }
    }

    /** Parses {@code sha256:<64 hex>}. */
    public static Digest parse(String s) {
        int colon = s == null ? -1 : s.indexOf(':');
        if (colon < 0) {
            throw BerthException.invalid("invalid digest: " + s + " (expected sha256:<64 hex digits>)");
        }
        return new Digest(s.substring(0, colon), s.substring(colon + 1));
    }

    public static Digest sha256(byte[] data) {
        return new Digest("sha256", HexFormat.of().formatHex(newSha256().digest(data)));
    }

    public static Digest ofSha256(byte[] rawHash) {
        return new Digest("sha256", HexFormat.of().formatHex(rawHash));
    }

    /** A SHA-256 digest: the host's libcrypto when there is one (fast without C2), else the JDK's. */
    public static MessageDigest newSha256() {
        var nativeDigest = berth.sys.NativeSha256.create();
        if (nativeDigest.isPresent()) {
            return nativeDigest.get();
        }
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first 12 hex digits, as Docker shows IDs. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}

package berth.build.copy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A SHA-256 fed with length-prefixed values, so that different inputs never give the same byte
 * sequence. Versioned by its first string: change {@link #VERSION} when the encoding changes, so old
 * cache keys can never match new ones.
 */
final class ContentDigest {
    static final String VERSION = "berth.copy-step.v1";
    private final MessageDigest sha = sha256();

    ContentDigest() {
        string(VERSION);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    ContentDigest string(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    ContentDigest bytes(byte[] b) {
        number(b.length);
        sha.update(b);
        return this;
    }

    ContentDigest number(long n) {
        for (int i = 7; i >= 0; i--) {
            sha.update((byte) (n >>> (8 * i)));
        }
        return this;
    }

    /** An entry's metadata (not its time) and, for a file, its content streamed, then its length again. */
    ContentDigest entry(ItemEntry e, InputStream content) throws IOException {
        string(e.path()).string(e.kind().name()).number(e.mode()).number(e.uid()).number(e.gid()).number(e.size());
        string(e.linkTarget());
        Map<String, byte[]> x = new TreeMap<>(e.xattrs());
        number(x.size());
        x.forEach((k, v) -> string(k).bytes(v));
        if (e.kind() == ItemEntry.Kind.FILE) {
            number(stream(content));
        }
        return this;
    }

    /** Feeds a stream's bytes in; returns how many there were. */
    long stream(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int r; (r = in.read(buf)) > 0; ) {
            sha.update(buf, 0, r);
            total += r;
        }
        return total;
    }

    /** {@code sha256:<hex>}. */
    String finish() {
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    /** The hex of a digest string ({@code sha256:<hex>} → {@code <hex>}). */
    static String hex(String digest) {
        return digest.substring(digest.indexOf(':') + 1);
    }
}

package berth.build.context;

import berth.sys.FileOps;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Writes values into a SHA-256 unambiguously (each string length-prefixed), so two different
 * selections cannot produce the same byte sequence. The encoding is versioned by its first string;
 * change the version when the encoding changes, so old cache keys never match new ones by accident.
 */
final class SourceDigest {
    static final String VERSION = "berth.copy-source.v1";
    private final MessageDigest sha;

    SourceDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        string(VERSION);
    }

    SourceDigest string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        number(b.length);
        sha.update(b);
        return this;
    }

    SourceDigest bytes(byte[] b) {
        number(b.length);
        sha.update(b);
        return this;
    }

    SourceDigest number(long n) {
        for (int i = 7; i >= 0; i--) {
            sha.update((byte) (n >>> (8 * i)));
        }
        return this;
    }

    /** An entry: its metadata, extended attributes, and a file's content (hashed by streaming). */
    SourceDigest entry(SourceEntry e) throws IOException {
        string(e.path()).string(e.type().name()).number(e.mode()).number(e.uid()).number(e.gid()).number(e.size());
        string(e.linkTarget().orElse(""));
        List<String> names = new ArrayList<>(FileOps.llistxattr(e.hostPath()));
        names.sort(null);
        number(names.size());
        for (String n : names) {
            Optional<byte[]> v = FileOps.lgetxattr(e.hostPath(), n);
            string(n).bytes(v.orElse(new byte[0]));
        }
        if (e.type() == SourceEntry.Type.FILE) {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            try (InputStream in = Files.newInputStream(e.hostPath(), LinkOption.NOFOLLOW_LINKS)) {
                for (int r; (r = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, r);
                    total += r;
                }
            }
            number(total); // the length after the content too: a file that grew between stat and read still differs
        }
        return this;
    }

    String finish() {
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }
}

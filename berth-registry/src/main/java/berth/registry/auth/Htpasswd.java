package berth.registry.auth;

import berth.errors.BerthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Users and bcrypt password hashes from an htpasswd file ({@code htpasswd -B}), the only hash Docker's
 * registry accepts. bcrypt is slow on purpose and clients send Basic credentials on every request, so
 * a successful check is remembered (as a SHA-256 of user and password, never the password).
 */
public final class Htpasswd {
    private final Map<String, String> hashes;
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

    private Htpasswd(Map<String, String> hashes) {
        this.hashes = Map.copyOf(hashes);
    }

    public static Htpasswd load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw BerthException.invalid("cannot read htpasswd file " + file + ": " + e.getMessage(), e);
        }
    }

    static Htpasswd parse(String text, String source) {
        Map<String, String> hashes = new HashMap<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String hash = colon > 0 ? line.substring(colon + 1) : "";
            if (!hash.matches("\\$2[aby]\\$\\d\\d\\$.{53}")) {
                throw BerthException.invalid("htpasswd " + source + " line " + lineNo + ": not a user:bcrypt entry (make one with htpasswd -B)");
            }
            hashes.put(line.substring(0, colon), hash);
        }
        return new Htpasswd(hashes);
    }

    public boolean authenticate(String user, String password) {
        String hash = hashes.get(user);
        if (hash == null) {
            return false;
        }
        byte[] fingerprint = fingerprint(user, password);
        byte[] known = verified.get(user);
        if (known != null && MessageDigest.isEqual(known, fingerprint)) {
            return true;
        }
        boolean ok;
        try {
            ok = OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
        } catch (IllegalArgumentException e) {
            ok = false;
        }
        if (ok) {
            verified.put(user, fingerprint);
        }
        return ok;
    }

    private static byte[] fingerprint(String user, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(user.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

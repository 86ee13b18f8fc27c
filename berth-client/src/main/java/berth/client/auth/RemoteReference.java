package berth.client.auth;

import berth.client.ClientException;
import java.util.Locale;

/**
 * An image reference split the way the docker CLI splits it before a pull or push: the registry
 * ({@code docker.io} when none is named), the repository path ({@code library/} added for Docker
 * Hub's official images), and a tag or a digest. Validation is light; the daemon checks the rest.
 */
public record RemoteReference(String domain, String path, String tag, String digest) {
    public static final String DEFAULT_DOMAIN = "docker.io";

    public static RemoteReference parse(String reference) {
        String s = reference == null ? "" : reference.strip();
        if (s.isEmpty()) {
            throw new ClientException("invalid reference format: repository name must have at least one component");
        }
        String digest = null;
        int at = s.indexOf('@');
        if (at >= 0) {
            digest = s.substring(at + 1);
            s = s.substring(0, at);
        }
        String tag = null;
        int colon = s.lastIndexOf(':');
        if (colon > s.lastIndexOf('/')) {
            tag = s.substring(colon + 1);
            s = s.substring(0, colon);
        }
        String domain = RegistryKeys.registryOf(s);
        String path = domain.equals(DEFAULT_DOMAIN) && !s.startsWith(DEFAULT_DOMAIN + "/") ? s : s.substring(domain.length() + 1);
        if (domain.equals("index.docker.io")) {
            domain = DEFAULT_DOMAIN;
        }
        if (domain.equals(DEFAULT_DOMAIN) && !path.contains("/")) {
            path = "library/" + path;
        }
        if (path.isEmpty() || !path.toLowerCase(Locale.ROOT).equals(path)) {
            throw new ClientException("invalid reference format: repository name must be lowercase");
        }
        if (tag != null && tag.isEmpty() || digest != null && digest.isEmpty()) {
            throw new ClientException("invalid reference format");
        }
        return new RemoteReference(domain, path, tag, digest);
    }

    public boolean hasTagOrDigest() {
        return tag != null || digest != null;
    }

    public RemoteReference withTag(String newTag) {
        return new RemoteReference(domain, path, newTag, null);
    }

    /** {@code docker.io/library/busybox}: what the docker CLI sends as {@code fromImage}. */
    public String name() {
        return domain + "/" + path;
    }

    /** {@code busybox}, {@code me/app}, {@code 127.0.0.1:5000/app}. */
    public String familiarName() {
        if (domain.equals(DEFAULT_DOMAIN)) {
            return path.startsWith("library/") && path.indexOf('/', "library/".length()) < 0
                    ? path.substring("library/".length()) : path;
        }
        return name();
    }

    /** The config.json key of this reference's registry. */
    public String serverKey() {
        return RegistryKeys.serverKey(domain);
    }

    /** {@code docker.io/library/busybox:latest}, as {@code docker pull} prints it at the end. */
    @Override
    public String toString() {
        return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}

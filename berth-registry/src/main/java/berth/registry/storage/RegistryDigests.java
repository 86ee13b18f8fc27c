package berth.registry.storage;

import berth.content.Digest;
import berth.errors.BerthException;

/** Digest parsing that fails with the spec's DIGEST_INVALID code. */
public final class RegistryDigests {
    private RegistryDigests() {}

    public static Digest parse(String s) {
        try {
            return Digest.parse(s);
        } catch (BerthException e) {
            throw new RegistryException(RegistryError.DIGEST_INVALID, e.getMessage());
        }
    }
}

package berth.registry.storage;

import berth.content.Digest;

/** The {@code <reference>} of a manifest URL: a tag or a digest, nothing else. */
public sealed interface Reference {
    record ByTag(Tag tag) implements Reference {}

    record ByDigest(Digest digest) implements Reference {}

    /** A reference with a ':' is a digest (tags cannot hold one), anything else a tag. */
    static Reference parse(String s) {
        if (s != null && s.indexOf(':') >= 0) {
            return new ByDigest(RegistryDigests.parse(s));
        }
        return new ByTag(Tag.of(s));
    }

    static Reference of(Tag tag) {
        return new ByTag(tag);
    }

    static Reference of(Digest digest) {
        return new ByDigest(digest);
    }
}

package berth.distribution;

import berth.content.Digest;

/**
 * A parsed manifest document: an image manifest or an index of them. Each keeps the exact bytes it
 * was parsed from, because its digest (and so its identity in a registry) is the digest of those
 * bytes: re-serialising would change it.
 */
public sealed interface Manifest permits ImageManifest, ManifestIndex {
    /** The type the document was read as, one of {@link MediaTypes}' manifest or index types. */
    String mediaType();

    /** A copy of the bytes the document was parsed from. */
    byte[] raw();

    /** The digest of {@link #raw()}. */
    Digest digest();

    /** This document as a descriptor, to store or push it by. */
    default Descriptor descriptor() {
        return Descriptor.of(mediaType(), digest(), raw().length);
    }
}

package berth.registry.storage;

import java.util.OptionalLong;

/**
 * The bytes a {@code Range:} request asks for: from {@code first} to {@code last} inclusive, or to the
 * end when {@code last} is empty. Suffix ranges ({@code bytes=-500}) are resolved by the HTTP layer,
 * which knows the size from {@link BlobStore#stat}.
 */
public record ByteRange(long first, OptionalLong last) {
    public ByteRange {
        if (first < 0 || (last.isPresent() && last.getAsLong() < first)) {
            throw new RegistryException(RegistryError.RANGE_NOT_SATISFIABLE,
                    "invalid range: " + first + "-" + (last.isPresent() ? last.getAsLong() : ""));
        }
    }

    public static ByteRange from(long first) {
        return new ByteRange(first, OptionalLong.empty());
    }

    public static ByteRange of(long first, long last) {
        return new ByteRange(first, OptionalLong.of(last));
    }

    /** The number of bytes this range covers in a blob of {@code size} bytes. */
    long length(long size) {
        if (first >= size) {
            throw new RegistryException(RegistryError.RANGE_NOT_SATISFIABLE,
                    "range starts at " + first + " but the blob has " + size + " bytes");
        }
        long end = Math.min(last.orElse(size - 1), size - 1);
        return end - first + 1;
    }
}

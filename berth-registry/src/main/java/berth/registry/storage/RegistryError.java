package berth.registry.storage;

/**
 * The error codes of the OCI distribution spec (its "Error Codes" table), plus two that the spec
 * expresses only as a status: the HTTP layer maps each code to its status and JSON body once.
 */
public enum RegistryError {
    BLOB_UNKNOWN,
    BLOB_UPLOAD_INVALID,
    BLOB_UPLOAD_UNKNOWN,
    DIGEST_INVALID,
    MANIFEST_BLOB_UNKNOWN,
    MANIFEST_INVALID,
    MANIFEST_UNKNOWN,
    NAME_INVALID,
    NAME_UNKNOWN,
    SIZE_INVALID,
    /** Not in the spec's table; Docker's registry answers it for a malformed tag. */
    TAG_INVALID,
    UNSUPPORTED,
    /** A chunk whose start is not the bytes received so far: 416 with a BLOB_UPLOAD_INVALID body. */
    UPLOAD_OFFSET_MISMATCH,
    /** A {@code Range:} outside the blob: 416. */
    RANGE_NOT_SATISFIABLE,
    /** A blob or manifest over the configured limit: 413 with a SIZE_INVALID body. */
    TOO_LARGE
}

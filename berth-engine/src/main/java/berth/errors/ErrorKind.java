package berth.errors;

/**
 * The closed set of error categories the engine reports. The API adapter maps each to an HTTP status
 * exactly once; nothing below the adapter knows about status codes.
 */
public enum ErrorKind {
    NOT_FOUND,
    ALREADY_EXISTS,
    INVALID_ARGUMENT,
    CONFLICT,
    FAILED_PRECONDITION,
    UNAVAILABLE,
    NOT_IMPLEMENTED,
    UNAUTHENTICATED,
    PERMISSION_DENIED,
    INTERNAL
}

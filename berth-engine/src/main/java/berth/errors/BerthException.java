package berth.errors;

import java.util.Objects;

/**
 * The one exception type the engine throws for expected failures. The message is what a user reads
 * (Docker's wording where Docker has one, e.g. "No such image: busybox:1.0"); the kind decides the
 * status code in the API adapter.
 */
public final class BerthException extends RuntimeException {
    private final ErrorKind kind;

    public BerthException(ErrorKind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind);
    }

    public BerthException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind);
    }

    public ErrorKind kind() {
        return kind;
    }

    public static BerthException notFound(String message) {
        return new BerthException(ErrorKind.NOT_FOUND, message);
    }

    public static BerthException invalid(String message) {
        return new BerthException(ErrorKind.INVALID_ARGUMENT, message);
    }

    public static BerthException invalid(String message, Throwable cause) {
        return new BerthException(ErrorKind.INVALID_ARGUMENT, message, cause);
    }

    public static BerthException conflict(String message) {
        return new BerthException(ErrorKind.CONFLICT, message);
    }

    public static BerthException alreadyExists(String message) {
        return new BerthException(ErrorKind.ALREADY_EXISTS, message);
    }

    public static BerthException notImplemented(String message) {
        return new BerthException(ErrorKind.NOT_IMPLEMENTED, message);
    }

    public static BerthException internal(String message, Throwable cause) {
        return new BerthException(ErrorKind.INTERNAL, message, cause);
    }
}

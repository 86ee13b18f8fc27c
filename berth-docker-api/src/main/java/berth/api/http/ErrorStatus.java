package berth.api.http;

import berth.errors.ErrorKind;

/** The one place an engine error category becomes an HTTP status. */
public final class ErrorStatus {
    private ErrorStatus() {}

    public static int of(ErrorKind kind) {
        return switch (kind) {
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, CONFLICT, FAILED_PRECONDITION -> 409;
            case INVALID_ARGUMENT -> 400;
            case UNAVAILABLE -> 503;
            case NOT_IMPLEMENTED -> 501;
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case INTERNAL -> 500;
        };
    }
}

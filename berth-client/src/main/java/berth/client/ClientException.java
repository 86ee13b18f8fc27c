package berth.client;

/**
 * Base of the errors the API client reports: the daemon could not be reached, it answered with an
 * error status, or it spoke something that is not the Engine API. Unchecked because every caller
 * (the CLI) handles them in one place.
 */
public class ClientException extends RuntimeException {
    public ClientException(String message) {
        super(message);
    }

    public ClientException(String message, Throwable cause) {
        super(message, cause);
    }
}

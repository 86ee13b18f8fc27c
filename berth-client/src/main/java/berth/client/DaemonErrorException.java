package berth.client;

/**
 * The daemon answered with an error status. {@link #daemonMessage()} is the {@code message} field of
 * its JSON error body (or the raw body when it was not JSON), which is what a user should read.
 */
public final class DaemonErrorException extends ClientException {
    private final int status;
    private final String daemonMessage;

    public DaemonErrorException(int status, String daemonMessage) {
        super("Error response from daemon: " + daemonMessage);
        this.status = status;
        this.daemonMessage = daemonMessage;
    }

    public int status() {
        return status;
    }

    public String daemonMessage() {
        return daemonMessage;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}

package berth.client;

/** Nothing answered on the daemon's socket (missing socket, refused connection, no permission). */
public final class DaemonUnreachableException extends ClientException {
    public DaemonUnreachableException(DaemonAddress address, Throwable cause) {
        super("Cannot connect to the berth daemon at " + address + ". Is the berth daemon running? ("
                + cause.getMessage() + ")", cause);
    }
}

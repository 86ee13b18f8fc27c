package berth.api.http;

/** The client went away while a response was being written; the request ends quietly. */
public final class ClientDisconnected extends RuntimeException {
    public ClientDisconnected() {
        super("client disconnected", null, false, false);
    }
}

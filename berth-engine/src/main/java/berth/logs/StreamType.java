package berth.logs;

/** Which output stream a chunk came from; the numbers are Docker's multiplexing stream IDs. */
public enum StreamType {
    STDIN(0), STDOUT(1), STDERR(2);

    private final int wireId;

    StreamType(int wireId) {
        this.wireId = wireId;
    }

    public int wireId() {
        return wireId;
    }
}

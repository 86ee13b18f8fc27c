package berth.runtime.runc;

import berth.sys.SeqPacketSocket;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A container's stdin through conmon's attach socket. conmon copies each message it receives to
 * the process's stdin pipe and closes that pipe when the client shuts down its writing side, so
 * {@link #close()} means EOF for the process. conmon also sends the container's output to every
 * attached client: a virtual thread reads and drops it (the engine reads output from the log), so
 * conmon never meets a full socket. The socket itself is closed only once conmon closes its side:
 * closing it right after the shutdown raced conmon's accept under load, and the EOF, and with it
 * the process's end of input, could be lost.
 */
final class AttachStdin extends OutputStream {
    /** conmon reads one message into a 32 KiB buffer; stay well below so nothing is truncated. */
    static final int MAX_MESSAGE = 8192;

    private final SeqPacketSocket socket;

    AttachStdin(SeqPacketSocket socket) {
        this.socket = socket;
        Thread.ofVirtual().name("attach-drain").start(this::drainUntilConmonCloses);
    }

    private void drainUntilConmonCloses() {
        byte[] buf = new byte[MAX_MESSAGE + 1];
        try {
            while (socket.receive(buf) >= 0) {
                // output copies for attached clients: berth reads output from the log instead
            }
        } catch (IOException ignored) {
            // the socket was closed or broke: done either way
        } finally {
            socket.close();
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int pos = off;
        int end = off + len;
        while (pos < end) {
            int n = Math.min(MAX_MESSAGE, end - pos);
            socket.send(b, pos, n);
            pos += n;
        }
    }

    @Override
    public void close() throws IOException {
        if (socket.isOpen()) {
            socket.shutdownOutput();
        }
    }
}

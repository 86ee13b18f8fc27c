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
 *
 * <p>The drain blocks in a native recv for as long as the socket lives, which would pin a virtual
 * thread's carrier (a few of those stall every virtual thread of the daemon), so it runs on a
 * platform thread. When conmon keeps the input open anyway (a TTY: {@code --leave-stdin-open}),
 * there is no EOF to lose and {@code close()} closes the socket at once, which ends the drain.
 */
final class AttachStdin extends OutputStream {
    /** conmon reads one message into a 32 KiB buffer; stay well below so nothing is truncated. */
    static final int MAX_MESSAGE = 8192;

    private final SeqPacketSocket socket;
    private final boolean inputStaysOpen;

    AttachStdin(SeqPacketSocket socket) {
        this(socket, false);
    }

    /** @param inputStaysOpen conmon runs with {@code --leave-stdin-open}: closing is not an EOF for the process */
    AttachStdin(SeqPacketSocket socket, boolean inputStaysOpen) {
        this.socket = socket;
        this.inputStaysOpen = inputStaysOpen;
        Thread.ofPlatform().daemon().name("attach-drain").start(this::drainUntilConmonCloses);
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
        if (inputStaysOpen) {
            socket.close();
        } else if (socket.isOpen()) {
            socket.shutdownOutput();
        }
    }
}

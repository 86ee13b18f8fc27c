package berth.runtime.runc;

import berth.sys.SeqPacketSocket;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A container's stdin through conmon's attach socket. conmon copies each message it receives to
 * the process's stdin pipe and closes that pipe when the client shuts down its writing side, so
 * {@link #close()} means EOF for the process. conmon also sends the container's output to every
 * attached client; this stream never reads it (the engine reads output from the log).
 */
final class AttachStdin extends OutputStream {
    /** conmon reads one message into a 32 KiB buffer; stay well below so nothing is truncated. */
    static final int MAX_MESSAGE = 8192;

    private final SeqPacketSocket socket;

    AttachStdin(SeqPacketSocket socket) {
        this.socket = socket;
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
        if (!socket.isOpen()) {
            return;
        }
        try {
            socket.shutdownOutput();
        } finally {
            socket.close();
        }
    }
}

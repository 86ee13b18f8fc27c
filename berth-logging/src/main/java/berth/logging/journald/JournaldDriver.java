package berth.logging.journald;

import berth.logs.StreamType;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogMessage;
import berth.sys.ErrnoException;
import berth.sys.Fds;
import berth.sys.SealedMemFd;
import berth.sys.UnixDatagramSocket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Sends each line to systemd-journald as one native-protocol datagram: MESSAGE, PRIORITY (6 for
 * stdout, 3 for stderr), the container's fields (CONTAINER_ID, CONTAINER_ID_FULL, CONTAINER_NAME,
 * CONTAINER_TAG, IMAGE_NAME, SYSLOG_IDENTIFIER and the labels/env attributes) and
 * CONTAINER_PARTIAL_MESSAGE=true on a piece of a longer line, as Docker's journald driver does. An
 * entry too large for one datagram goes as a sealed memfd, as libsystemd sends it.
 *
 * <p>Blocking: a send waits while journald's queue is full. A send that fails (journald gone) makes
 * {@link #log} throw; the caller counts the line.
 */
public final class JournaldDriver implements LogDriver {
    private static final int ENOBUFS = 105;
    private static final byte[] STDOUT_PRIORITY = {'6'};
    private static final byte[] STDERR_PRIORITY = {'3'};

    private final Path socketPath;
    private final Map<String, String> fields;
    private final UnixDatagramSocket socket;

    /** @param fields the container's fields, sent with every line in this order */
    JournaldDriver(Path socketPath, Map<String, String> fields) throws IOException {
        this.socketPath = socketPath;
        this.fields = fields;
        this.socket = UnixDatagramSocket.open();
    }

    @Override
    public void log(LogMessage message) throws IOException {
        JournalEntry entry = new JournalEntry()
                .add("MESSAGE", message.line())
                .add("PRIORITY", message.stream() == StreamType.STDERR ? STDERR_PRIORITY : STDOUT_PRIORITY);
        fields.forEach(entry::add);
        if (message.partial()) {
            entry.add("CONTAINER_PARTIAL_MESSAGE", "true");
        }
        send(entry.toBytes());
    }

    private void send(byte[] datagram) throws IOException {
        try {
            socket.sendTo(socketPath, datagram);
        } catch (ErrnoException e) {
            if (e.errno() != UnixDatagramSocket.EMSGSIZE && e.errno() != ENOBUFS) {
                throw e;
            }
            // too big for a datagram: journald reads the entry from a sealed memfd passed along
            int memfd = SealedMemFd.create("journal-entry", datagram);
            try {
                socket.sendTo(socketPath, new byte[0], memfd);
            } finally {
                Fds.closeQuietly(memfd);
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}

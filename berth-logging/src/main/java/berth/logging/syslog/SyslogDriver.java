package berth.logging.syslog;

import berth.logs.StreamType;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogMessage;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code syslog} driver: each line becomes one syslog message, stdout at severity info and
 * stderr at err. A write that fails is retried once on a new connection (as Docker's syslog
 * library does); when that fails too the line is counted as dropped, the IOException goes to the
 * caller, and the next line tries to connect again.
 */
public final class SyslogDriver implements LogDriver {
    private static final int SEVERITY_ERR = 3;
    private static final int SEVERITY_INFO = 6;

    private final SyslogConnector connector;
    private final SyslogFormat format;
    private final boolean octetCounted;
    private final int facility;
    private final String tag;
    private final String hostname;
    private final long pid = ProcessHandle.current().pid();
    private final AtomicLong dropped = new AtomicLong();
    private SyslogConnection connection;
    private boolean closed;

    SyslogDriver(SyslogConnector connector, SyslogFormat format, int facility, String tag, String hostname,
                 SyslogConnection connection) {
        this.connector = connector;
        // The local daemon always gets the unix format: Go's syslog ignores the format for it.
        this.format = connector.address().isLocal() ? SyslogFormat.UNIX : format;
        this.octetCounted = this.format.octetCounted(connector.address());
        this.facility = facility;
        this.tag = tag;
        this.hostname = hostname;
        this.connection = connection;
    }

    @Override
    public synchronized void log(LogMessage message) throws IOException {
        if (message.line().length == 0) {
            return; // Docker sends nothing for an empty line
        }
        if (closed) {
            dropped.incrementAndGet();
            throw new IOException("syslog driver is closed");
        }
        int severity = message.stream() == StreamType.STDERR ? SEVERITY_ERR : SEVERITY_INFO;
        byte[] bytes = format.encode(facility << 3 | severity, SyslogFormat.localTime(message.timestamp()), hostname,
                tag, pid, message.line(), octetCounted);
        if (connection != null) {
            try {
                connection.write(bytes);
                return;
            } catch (IOException e) {
                dropConnection();
            }
        }
        try {
            connection = connector.connect();
            connection.write(bytes);
        } catch (IOException e) {
            dropConnection();
            dropped.incrementAndGet();
            throw new IOException("syslog: cannot send to " + describe() + ": " + e.getMessage(), e);
        }
    }

    private String describe() {
        var address = connector.address();
        return address.isLocal() ? "the local syslog daemon" : address.protocol() + "://" + address.address();
    }

    private void dropConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    @Override
    public synchronized void close() {
        closed = true;
        dropConnection();
    }
}

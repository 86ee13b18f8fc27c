package berth.logging.syslog;

import java.io.IOException;

/** One open connection to a syslog receiver; a write that fails leaves it broken (the writer reconnects). */
interface SyslogConnection extends AutoCloseable {
    /** Writes one complete, framed message; never blocks longer than the connection's write timeout. */
    void write(byte[] message) throws IOException;

    @Override
    void close();
}

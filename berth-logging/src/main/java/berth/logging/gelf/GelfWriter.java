package berth.logging.gelf;

import java.io.IOException;

/** Sends encoded GELF messages over one transport. */
interface GelfWriter extends AutoCloseable {
    void write(byte[] message) throws IOException;

    @Override
    void close();
}

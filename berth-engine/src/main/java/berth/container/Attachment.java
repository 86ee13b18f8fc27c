package berth.container;

import berth.logs.LogSource;
import java.io.OutputStream;
import java.util.Optional;

/**
 * A live attachment to a container. {@code output} yields stdout/stderr chunks and ends when the
 * container exits (after everything it wrote) or when closed. {@code stdin}, present only when stdin
 * was asked for and the container has OpenStdin, delivers bytes to the process; closing it sends EOF
 * to the process (a client's half-close). Bytes written before the container starts are kept and
 * delivered once it runs.
 */
public interface Attachment extends AutoCloseable {
    LogSource output();

    Optional<OutputStream> stdin();

    @Override
    void close();
}

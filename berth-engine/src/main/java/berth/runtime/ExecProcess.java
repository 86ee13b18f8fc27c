package berth.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A process started in a container by {@link ContainerRuntime#exec}. Its streams must be read (or
 * closed) by the caller; {@link #exit()} completes with its exit code once it has ended (126 when
 * the runtime could not execute the command, 127 when it was not found).
 */
public interface ExecProcess {
    int pid();

    InputStream stdout();

    InputStream stderr();

    /** Writes go to the process; close() is EOF. Closed at once when stdin was not asked for. */
    OutputStream stdin();

    CompletableFuture<Integer> exit();

    /** Sets the terminal's size (rows, columns) of a TTY exec; INVALID_ARGUMENT for one without a TTY. */
    default void resize(int height, int width) {
        throw berth.errors.BerthException.invalid("exec " + pid() + " has no TTY to resize");
    }
}

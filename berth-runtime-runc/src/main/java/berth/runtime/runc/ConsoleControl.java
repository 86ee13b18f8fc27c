package berth.runtime.runc;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * conmon's terminal control FIFO ({@code ctl} in the directory given as its bundle): one line per
 * message, {@code "1 <height> <width>\n"} resizes the terminal, and conmon passes the size on with
 * TIOCSWINSZ, so the process gets SIGWINCH; {@code "2 0 0\n"} makes conmon reopen its log file (it
 * fsyncs the old one, creates {@code <log>.tmp} and renames it over the log path). conmon creates the
 * FIFO whenever it has a bundle directory, with or without a terminal.
 */
final class ConsoleControl {
    static final String FIFO = "ctl";
    private static final int RESIZE = 1;
    private static final String REOPEN_LOGS = "2 0 0\n";

    private ConsoleControl() {}

    static String resizeMessage(int height, int width) {
        if (height < 0 || width < 0) {
            throw BerthException.invalid("invalid terminal size " + height + "x" + width + " (rows and columns must not be negative)");
        }
        return RESIZE + " " + height + " " + width + "\n";
    }

    /**
     * Opened read-write: a FIFO opened so never blocks, also when conmon (its reader) has just gone,
     * where a write-only open would wait forever for a reader.
     */
    static void resize(Path dir, int height, int width) {
        byte[] msg = resizeMessage(height, width).getBytes(StandardCharsets.US_ASCII);
        try (FileChannel ctl = FileChannel.open(dir.resolve(FIFO), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ctl.write(ByteBuffer.wrap(msg));
        } catch (NoSuchFileException e) {
            throw new BerthException(ErrorKind.CONFLICT, "cannot resize: the terminal of " + dir.getFileName()
                    + " is gone (the process is not running)", e);
        } catch (IOException e) {
            throw BerthException.internal("cannot resize the terminal through " + dir.resolve(FIFO) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Asks the conmon reading {@code fifo} to reopen its log file; false when there is no FIFO (no
     * monitor). Opened read-write for the same reason as {@link #resize}.
     */
    static boolean reopenLogs(Path fifo) throws IOException {
        try (FileChannel ctl = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ctl.write(ByteBuffer.wrap(REOPEN_LOGS.getBytes(StandardCharsets.US_ASCII)));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}

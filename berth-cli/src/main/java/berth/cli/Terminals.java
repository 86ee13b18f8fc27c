package berth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the CLI's stdin or stdout is a terminal (Linux: where /proc/self/fd/N points). */
public final class Terminals {
    private Terminals() {}

    public static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    public static boolean stdinIsTerminal() {
        return isTerminal(0);
    }

    public static boolean stdoutIsTerminal() {
        return isTerminal(1);
    }
}

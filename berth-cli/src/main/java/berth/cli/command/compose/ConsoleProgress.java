package berth.cli.command.compose;

import berth.compose.project.Progress;
import java.io.PrintStream;

/** Compose v2's plain progress output on stderr: {@code  Container p-web-1  Started}. */
final class ConsoleProgress implements Progress {
    private final PrintStream err;

    ConsoleProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public void event(String kind, String name, String status) {
        synchronized (err) {
            err.println(" " + kind + " " + name + "  " + status);
            err.flush();
        }
    }

    @Override
    public void warning(String message) {
        synchronized (err) {
            err.println("WARN[0000] " + message);
            err.flush();
        }
    }
}

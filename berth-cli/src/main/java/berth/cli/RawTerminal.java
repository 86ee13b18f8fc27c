package berth.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The controlling terminal in raw mode for {@code run -it}, {@code exec -it} and {@code attach}:
 * keys go to the container unprocessed (no echo, no line editing, ^C as a byte), as the docker CLI
 * does with term.MakeRaw. The JDK cannot change terminal modes, so stty runs against /dev/tty; the
 * saved mode is restored on {@link #close()} and, should the CLI be killed by a signal, by a
 * shutdown hook.
 */
public final class RawTerminal implements AutoCloseable {
    private final String saved;
    private final Thread restoreHook;
    private boolean restored;

    private RawTerminal(String saved) {
        this.saved = saved;
        this.restoreHook = new Thread(this::restore, "restore-terminal");
        Runtime.getRuntime().addShutdownHook(restoreHook);
    }

    /** Puts the terminal in raw mode when stdin is one; empty when it is not (or stty failed). */
    public static Optional<RawTerminal> enter() {
        if (!Terminals.stdinIsTerminal()) {
            return Optional.empty();
        }
        Optional<String> saved = stty("-g");
        if (saved.isEmpty() || stty("raw", "-echo").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RawTerminal(saved.get().strip()));
    }

    /** Rows and columns of the terminal on stdout (or stdin), when there is one. */
    public static Optional<int[]> size() {
        if (!Terminals.stdoutIsTerminal() && !Terminals.stdinIsTerminal()) {
            return Optional.empty();
        }
        return stty("size").flatMap(s -> {
            String[] rc = s.strip().split("\\s+");
            try {
                return rc.length == 2 ? Optional.of(new int[] {Integer.parseInt(rc[0]), Integer.parseInt(rc[1])})
                        : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static Optional<String> stty(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "stty";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private synchronized void restore() {
        if (!restored) {
            restored = true;
            stty(saved);
        }
    }

    @Override
    public void close() {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(restoreHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook restores (has restored) the mode
        }
    }
}

package berth.cli;

/**
 * Catching SIGWINCH, SIGINT and SIGTERM for the attach-style commands (window-size updates, the
 * signal proxy). The JDK has no public API for this; sun.misc.Signal (module jdk.unsupported) is
 * the one HotSpot offers. Where a signal cannot be caught, the feature is skipped, as nothing depends
 * on it for correctness.
 */
public final class Signals {
    private Signals() {}

    /** Installs {@code action} for the named signal ("WINCH", "INT", "TERM"); false when not possible. */
    @SuppressWarnings("removal")
    public static boolean on(String name, Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), s -> action.run());
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return false;
        }
    }
}

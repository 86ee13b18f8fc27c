package berth.store;

/**
 * Named places where a test may have the daemon die as by {@code kill -9}, to check that what a crash
 * leaves behind is cleaned up at the next start. Off unless the daemon's environment names one:
 * {@code BERTH_CRASH_AT=network-created}.
 */
public final class CrashPoints {
    private static final String WANTED = System.getenv("BERTH_CRASH_AT");

    private CrashPoints() {}

    /** Halts the JVM at once (no shutdown hooks, nothing flushed) when {@code name} is the one asked for. */
    public static void reach(String name) {
        if (name.equals(WANTED)) {
            System.err.println("berth: crashing at " + name + " (BERTH_CRASH_AT)");
            Runtime.getRuntime().halt(137);
        }
    }
}

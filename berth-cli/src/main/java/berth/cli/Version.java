package berth.cli;

/** The CLI's own version, shown by {@code berth version}. */
public final class Version {
    public static final String VERSION = "0.1.0-dev";

    private Version() {}
}

package berth.compose.project;

/**
 * The {@code com.docker.compose.*} labels Docker Compose v2 puts on what it creates; berth writes and
 * reads the same ones, so {@code docker compose ls/ps} see berth's projects and the other way round.
 */
public final class ComposeLabels {
    public static final String PREFIX = "com.docker.compose.";
    public static final String PROJECT = PREFIX + "project";
    public static final String SERVICE = PREFIX + "service";
    public static final String CONTAINER_NUMBER = PREFIX + "container-number";
    public static final String ONEOFF = PREFIX + "oneoff";
    public static final String CONFIG_HASH = PREFIX + "config-hash";
    public static final String IMAGE = PREFIX + "image";
    public static final String DEPENDS_ON = PREFIX + "depends_on";
    public static final String VERSION = PREFIX + "version";
    public static final String WORKING_DIR = PREFIX + "project.working_dir";
    public static final String CONFIG_FILES = PREFIX + "project.config_files";
    public static final String NETWORK = PREFIX + "network";
    public static final String VOLUME = PREFIX + "volume";

    /**
     * The Compose version written in {@link #VERSION}. Compose v2 reads the label only for display; a
     * v2 number keeps tools that parse it happy.
     */
    public static final String COMPOSE_VERSION = "2.39.0";

    private ComposeLabels() {}
}

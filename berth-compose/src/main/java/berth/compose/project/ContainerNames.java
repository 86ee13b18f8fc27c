package berth.compose.project;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Container names as Compose v2 gives them: {@code <project>-<service>-<n>}, and {@code -run-<id>} for one-offs. */
public final class ContainerNames {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ContainerNames() {}

    public static String service(String project, String service, int number) {
        return project + "-" + service + "-" + number;
    }

    /** A one-off ({@code compose run}) container: {@code <project>-<service>-run-<12 hex digits>}. */
    public static String oneOff(String project, String service) {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return project + "-" + service + "-run-" + HexFormat.of().formatHex(b);
    }

    /** The image a {@code build:} service without {@code image:} is tagged with: {@code <project>-<service>}. */
    public static String builtImage(String project, String service) {
        return project + "-" + service;
    }
}

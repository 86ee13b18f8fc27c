package berth.cli;

import java.util.Locale;

/**
 * Exit statuses as the docker CLI uses them. A command error is 1; {@code run}/{@code create}
 * return 125 when the daemon refuses, 126 when the command cannot be executed, 127 when it is not
 * found, and otherwise the container's own exit code.
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int DAEMON_REFUSED = 125;
    public static final int NOT_EXECUTABLE = 126;
    public static final int NOT_FOUND = 127;

    private ExitCodes() {}

    /**
     * Maps the daemon's error on starting a container to run's exit status, by the wording runc and
     * dockerd use: {@code exec: "nope": executable file not found in $PATH} is 127,
     * {@code permission denied} on exec is 126.
     */
    public static int forStartError(String daemonMessage) {
        String m = daemonMessage.toLowerCase(Locale.ROOT);
        if (m.contains("executable file not found") || m.contains("no such file or directory")
                || m.contains("command not found")) {
            return NOT_FOUND;
        }
        if (m.contains("permission denied") || m.contains("not executable") || m.contains("exec format error")
                || m.contains("is a directory")) {
            return NOT_EXECUTABLE;
        }
        return DAEMON_REFUSED;
    }
}

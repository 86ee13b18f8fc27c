package berth.logs.driver;

import java.util.Map;
import java.util.Set;

/**
 * Makes one kind of driver ({@code json-file}, {@code syslog}, …): the registry the daemon looks
 * {@code --log-driver} up in.
 */
public interface LogDriverFactory {
    /** The driver's name, as {@code --log-driver} takes it. */
    String name();

    /** The {@code --log-opt} keys it takes (Docker refuses others: "unknown log opt 'x' for y log driver"). */
    Set<String> options();

    /**
     * Checks options before a container is created (Docker's {@code ValidateLogOpt}); INVALID_ARGUMENT
     * ({@link berth.errors.BerthException}) with Docker's words when one is bad.
     */
    void validate(Map<String, String> config);

    /** A driver for one container; may connect now (a failure is then an IOException unless the options say async). */
    LogDriver create(LogContext context) throws java.io.IOException;
}

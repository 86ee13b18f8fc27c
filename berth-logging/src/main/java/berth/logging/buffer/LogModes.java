package berth.logging.buffer;

import berth.errors.BerthException;
import berth.logs.driver.LogDriver;
import java.util.Map;
import java.util.Set;

/**
 * The delivery options every driver takes ({@code mode}, {@code max-buffer-size}), checked as dockerd
 * checks them before the driver's own options (logger.ValidateLogOpts), and applied by wrapping the
 * driver in a {@link NonBlockingDriver} when {@code mode=non-blocking}.
 */
public final class LogModes {
    public static final String MODE = "mode";
    public static final String MAX_BUFFER_SIZE = "max-buffer-size";
    /** The options dockerd takes for every driver and removes before calling the driver's validator. */
    public static final Set<String> OPTIONS = Set.of(MODE, MAX_BUFFER_SIZE);
    /** dockerd's default ring size: 1e6 bytes (decimal, unlike the option's binary units). */
    public static final long DEFAULT_MAX_BUFFER_SIZE = 1_000_000;

    /** How a container waits for its log driver. */
    public enum Mode {
        /** The container's output waits while the driver is slow (Docker's default). */
        BLOCKING,
        /** Lines go to a bounded buffer; when it is full new lines are dropped and counted. */
        NON_BLOCKING
    }

    private LogModes() {}

    /** INVALID_ARGUMENT with dockerd's words when {@code mode} or {@code max-buffer-size} is bad. */
    public static void validate(Map<String, String> config) {
        Mode mode = mode(config);
        String size = config.get(MAX_BUFFER_SIZE);
        if (size != null) {
            if (mode != Mode.NON_BLOCKING) {
                throw BerthException.invalid("logger: max-buffer-size option is only supported with 'mode=non-blocking'");
            }
            try {
                RamSize.parse(size);
            } catch (IllegalArgumentException e) {
                throw BerthException.invalid("error parsing option max-buffer-size: " + e.getMessage(), e);
            }
        }
    }

    /** The mode the options ask for; unset or empty is blocking. */
    public static Mode mode(Map<String, String> config) {
        String mode = config.getOrDefault(MODE, "");
        return switch (mode) {
            case "", "blocking" -> Mode.BLOCKING;
            case "non-blocking" -> Mode.NON_BLOCKING;
            default -> throw BerthException.invalid("logger: logging mode not supported: " + mode);
        };
    }

    /** The ring's size in bytes for non-blocking mode. */
    public static long maxBufferSize(Map<String, String> config) {
        String size = config.get(MAX_BUFFER_SIZE);
        return size == null ? DEFAULT_MAX_BUFFER_SIZE : RamSize.parse(size);
    }

    /** {@code driver} as the options want it: itself when blocking, inside a ring buffer when non-blocking. */
    public static LogDriver apply(LogDriver driver, Map<String, String> config) {
        validate(config);
        return mode(config) == Mode.NON_BLOCKING ? new NonBlockingDriver(driver, maxBufferSize(config)) : driver;
    }
}

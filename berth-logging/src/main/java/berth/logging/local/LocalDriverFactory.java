package berth.logging.local;

import berth.errors.BerthException;
import berth.logging.logfile.FileDriverFactory;
import berth.logging.logfile.GoStrconv;
import berth.logging.logfile.RotatingLogFile;
import berth.logging.logfile.RotationPolicy;
import berth.logs.driver.LogContext;
import berth.logs.driver.LogDriver;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code --log-driver local}. Options as dockerd 20.10: {@code max-size} (default 20 MiB; a value is
 * go-units decimal), {@code max-file} (default 5), {@code compress} (default true; needs {@code max-file}
 * ≥ 2). dockerd checks the values when the container starts; we check them in {@link #validate}.
 *
 * <p>The driver writes at {@link LogContext#logPath()} as given (its directory created if missing): Docker
 * keeps these files under {@code <container dir>/local-logs/container.log}, and its dual-logging cache, in
 * this format, at {@code <container dir>/container-cached.log}; the caller chooses
 * ({@link berth.logging.daemon.ContainerLogDrivers}).
 */
public final class LocalDriverFactory extends FileDriverFactory {
    public static final String NAME = "local";
    static final long DEFAULT_MAX_SIZE = 20L * 1024 * 1024;
    static final int DEFAULT_MAX_FILE = 5;
    private static final Set<String> OPTIONS = Set.of("max-file", "max-size", "compress");

    public LocalDriverFactory() {
        super(NAME, OPTIONS, "unknown log opt '%s' for log driver local", LocalLogFormat.INSTANCE,
                LocalDriverFactory::policy);
    }

    static RotationPolicy policy(Map<String, String> config) {
        long maxSize = DEFAULT_MAX_SIZE;
        String size = config.get("max-size");
        if (size != null) {
            try {
                maxSize = GoStrconv.fromHumanSize(size);
            } catch (IllegalArgumentException e) {
                throw BerthException.invalid("invalid value for max-size: " + size + ": " + e.getMessage(), e);
            }
        }
        int maxFiles = DEFAULT_MAX_FILE;
        String files = config.get("max-file");
        if (files != null) {
            try {
                maxFiles = GoStrconv.atoi(files);
            } catch (IllegalArgumentException e) {
                throw BerthException.invalid("invalid value for max-file: " + files + ": " + e.getMessage(), e);
            }
        }
        boolean compress = true;
        String c = config.get("compress");
        if (c != null) {
            try {
                compress = GoStrconv.parseBool(c);
            } catch (IllegalArgumentException e) {
                throw BerthException.invalid("error reading compress log option: " + e.getMessage(), e);
            }
        }
        if (maxSize < 0) {
            throw BerthException.invalid("max size should be a positive number");
        }
        if (maxFiles < 0) {
            throw BerthException.invalid("max file count cannot be less than 0");
        }
        if (compress && maxFiles <= 1) {
            throw BerthException.invalid("compression cannot be enabled when max file count is 1");
        }
        // max-file 0 keeps one file, as dockerd's rotation does
        return new RotationPolicy(OptionalLong.of(maxSize), Math.max(maxFiles, 1), compress);
    }

    @Override
    protected LogDriver driver(RotatingLogFile file, LogContext context) {
        return new LocalDriver(file);
    }
}

package berth.logging.daemon;

import berth.errors.BerthException;
import berth.logging.local.LocalDriverFactory;
import berth.logging.logfile.GoStrconv;
import berth.logs.driver.LogContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Docker 20.10's dual logging: for a driver that cannot read its lines back, a copy in the {@code local}
 * format at {@code <container dir>/container-cached.log} serves {@code docker logs}. Its options, taken
 * with every driver as dockerd takes them: {@code cache-disabled} (default false), and the local driver's
 * {@code max-size}, {@code max-file}, {@code compress} with a {@code cache-} prefix (defaults 20 MiB, 5 files,
 * compressed: the local driver's).
 */
final class DualLoggingCache {
    static final String PREFIX = "cache-";
    static final String DISABLED = PREFIX + "disabled";
    static final String FILE_NAME = "container-cached.log";
    /** The keys dockerd takes for every driver and removes before the driver's own check. */
    static final Set<String> KEYS = Set.of(DISABLED, PREFIX + "max-size", PREFIX + "max-file", PREFIX + "compress");
    static final LocalDriverFactory FORMAT = new LocalDriverFactory();

    private DualLoggingCache() {}

    /** dockerd's check of {@code cache-disabled} (the sizes are checked only where a cache is made: {@link #validateSizes}). */
    static void validate(Map<String, String> config) {
        String disabled = config.getOrDefault(DISABLED, "");
        if (!disabled.isEmpty()) {
            try {
                GoStrconv.parseBool(disabled);
            } catch (IllegalArgumentException e) {
                throw BerthException.invalid("invalid value for option " + DISABLED + ": " + disabled, e);
            }
        }
    }

    /** The cache's rotation options, checked as the local driver checks its own (the message names the cache's key). */
    static void validateSizes(Map<String, String> config) {
        try {
            FORMAT.validate(localOptions(config));
        } catch (BerthException e) {
            throw BerthException.invalid("log cache: " + e.getMessage(), e);
        }
    }

    /** True unless {@code cache-disabled} says otherwise; a value that is no bool disables it, as moby's ShouldUseCache. */
    static boolean enabled(Map<String, String> config) {
        String disabled = config.getOrDefault(DISABLED, "");
        if (disabled.isEmpty()) {
            return true;
        }
        try {
            return !GoStrconv.parseBool(disabled);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The daemon's default cache options apply to every container, whatever its driver (moby's MergeDefaultLogConfig). */
    static void mergeDefaults(Map<String, String> config, Map<String, String> defaults) {
        defaults.forEach((k, v) -> {
            if (KEYS.contains(k)) {
                config.putIfAbsent(k, v);
            }
        });
    }

    /** The local driver's options the cache's ones stand for ({@code cache-max-size} → {@code max-size}). */
    static Map<String, String> localOptions(Map<String, String> config) {
        Map<String, String> local = new HashMap<>();
        config.forEach((k, v) -> {
            if (KEYS.contains(k) && !k.equals(DISABLED)) {
                local.put(k.substring(PREFIX.length()), v);
            }
        });
        return local;
    }

    /** The context the cache's local driver is made with: its file beside the container's log, its options. */
    static LogContext context(LogContext container, Map<String, String> config) {
        return ContainerLogDrivers.withLog(container, container.logPath().resolveSibling(FILE_NAME), localOptions(config));
    }
}

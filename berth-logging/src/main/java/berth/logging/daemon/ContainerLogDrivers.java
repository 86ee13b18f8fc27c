package berth.logging.daemon;

import berth.errors.BerthException;
import berth.logging.buffer.LogModes;
import berth.logging.fluentd.FluentdDriverFactory;
import berth.logging.gelf.GelfDriverFactory;
import berth.logging.journald.JournaldDriverFactory;
import berth.logging.jsonfile.JsonFileDriverFactory;
import berth.logging.local.LocalDriverFactory;
import berth.logging.logfile.FileDriverFactory;
import berth.logging.syslog.SyslogDriverFactory;
import berth.logs.LogOptions;
import berth.logs.LogSource;
import berth.logs.driver.LogConfig;
import berth.logs.driver.LogContext;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogDriverFactory;
import berth.logs.driver.LogDrivers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The daemon's log drivers: the registry of factories, the daemon's default {@link LogConfig}, the delivery
 * modes and the dual-logging cache, as dockerd 20.10 puts them together.
 *
 * <p>Options every driver takes besides its own, removed before the driver's check: {@code mode},
 * {@code max-buffer-size} ({@link LogModes}) and the cache's {@code cache-*} ({@link DualLoggingCache}).
 * {@code none} is no registered driver (dockerd does not list it either) and takes any option, as dockerd's
 * check skips it.
 *
 * <p>Files in the container's directory (the parent of {@link LogContext#logPath()}), as Docker lays them out:
 * json-file at {@code logPath()} itself ({@code <id>-json.log}), local at {@code local-logs/container.log},
 * the dual-logging cache at {@code container-cached.log}.
 */
public final class ContainerLogDrivers implements LogDrivers {
    static final String NONE = "none";
    private static final String LOCAL_DIR = "local-logs";
    private static final String LOCAL_FILE = "container.log";

    private final Map<String, LogDriverFactory> factories = new TreeMap<>();
    private final LogConfig defaults;

    /**
     * @param defaults the daemon's {@code --log-driver}/{@code --log-opt} (an empty type is json-file); checked
     *                 here, so a daemon with bad defaults does not start (INVALID_ARGUMENT "failed to set log opts: …")
     */
    public ContainerLogDrivers(List<LogDriverFactory> factories, LogConfig defaults) {
        for (LogDriverFactory f : factories) {
            if (f.name().equals(NONE) || this.factories.putIfAbsent(f.name(), f) != null) {
                throw new IllegalArgumentException("logger: log driver named '" + f.name() + "' is already registered");
            }
        }
        LogConfig d = defaults.orJsonFile();
        try {
            validate(d.type(), d.config());
        } catch (BerthException e) {
            throw BerthException.invalid("failed to set log opts: " + e.getMessage(), e);
        }
        this.defaults = d;
    }

    /** With every driver berth-logging has: json-file, local, syslog, gelf, fluentd, journald (and none). */
    public static ContainerLogDrivers standard(LogConfig defaults) {
        return new ContainerLogDrivers(List.of(new JsonFileDriverFactory(), new LocalDriverFactory(),
                new SyslogDriverFactory(), new GelfDriverFactory(), new FluentdDriverFactory(),
                new JournaldDriverFactory()), defaults);
    }

    @Override
    public LogConfig defaults() {
        return defaults;
    }

    /** dockerd's mergeAndVerifyLogConfig, then its ValidateLogOpts. */
    @Override
    public LogConfig resolve(LogConfig requested) {
        String type = requested.type().isEmpty() ? defaults.type() : requested.type();
        Map<String, String> config = new HashMap<>(requested.config());
        if (type.equals(defaults.type())) {
            defaults.config().forEach(config::putIfAbsent);
        }
        DualLoggingCache.mergeDefaults(config, defaults.config());
        validate(type, config);
        return new LogConfig(type, config);
    }

    /** In dockerd's order: mode, max-buffer-size, cache-disabled, the driver's existence, then the driver's own options. */
    private void validate(String type, Map<String, String> config) {
        if (type.equals(NONE)) {
            return;
        }
        LogModes.validate(config);
        DualLoggingCache.validate(config);
        LogDriverFactory factory = factory(type);
        factory.validate(ownOptions(config));
        if (usesCache(factory, config)) {
            DualLoggingCache.validateSizes(config);
        }
    }

    @Override
    public LogDriver open(LogConfig config, LogContext context) throws IOException {
        if (config.type().equals(NONE)) {
            return new NoneDriver();
        }
        LogDriverFactory factory = factory(config.type());
        Map<String, String> options = config.config();
        LogDriver created = factory.create(driverContext(factory, context, options));
        LogDriver driver;
        try {
            driver = LogModes.apply(created, options);
        } catch (RuntimeException e) {
            created.close();
            throw e;
        }
        if (!usesCache(factory, options)) {
            return driver;
        }
        try {
            return new CachedLogDriver(driver, DualLoggingCache.FORMAT.create(DualLoggingCache.context(context, options)));
        } catch (IOException | RuntimeException e) {
            driver.close();
            throw new IOException("error setting up local container log cache: " + e.getMessage(), e);
        }
    }

    @Override
    public LogSource readStored(LogConfig config, LogContext context, LogOptions options) throws IOException {
        if (!config.type().equals(NONE)) {
            LogDriverFactory factory = factory(config.type());
            if (factory instanceof FileDriverFactory files) {
                return files.readStored(driverContext(factory, context, config.config()), options);
            }
            if (usesCache(factory, config.config())) {
                return DualLoggingCache.FORMAT.readStored(DualLoggingCache.context(context, config.config()), options);
            }
        }
        throw BerthException.notImplemented("configured logging driver does not support reading");
    }

    /** The registered drivers, sorted, as {@code docker info} lists them ({@code none} is not one). */
    @Override
    public List<String> names() {
        return List.copyOf(factories.keySet());
    }

    private LogDriverFactory factory(String type) {
        LogDriverFactory factory = factories.get(type);
        if (factory == null) {
            throw BerthException.invalid("logger: no log driver named '" + type + "' is registered");
        }
        return factory;
    }

    /** Drivers that keep no files get the cache unless it is disabled. */
    private static boolean usesCache(LogDriverFactory factory, Map<String, String> config) {
        return !(factory instanceof FileDriverFactory) && DualLoggingCache.enabled(config);
    }

    /** The options that are the driver's own: without the delivery and cache options every driver takes. */
    private static Map<String, String> ownOptions(Map<String, String> config) {
        Map<String, String> own = new HashMap<>(config);
        own.keySet().removeAll(LogModes.OPTIONS);
        own.keySet().removeAll(DualLoggingCache.KEYS);
        return own;
    }

    /** The context a driver is made with: its own options, and for local its path under {@code local-logs}. */
    private static LogContext driverContext(LogDriverFactory factory, LogContext context, Map<String, String> config) {
        Path path = factory.name().equals(LocalDriverFactory.NAME)
                ? context.logPath().resolveSibling(LOCAL_DIR).resolve(LOCAL_FILE)
                : context.logPath();
        return withLog(context, path, ownOptions(config));
    }

    static LogContext withLog(LogContext c, Path logPath, Map<String, String> config) {
        return new LogContext(config, c.containerId(), c.containerName(), c.imageId(), c.imageName(), c.created(),
                c.labels(), c.env(), logPath, c.daemonName(), c.hostname());
    }
}

package berth.logs.driver;

import berth.logs.LogOptions;
import berth.logs.LogSource;
import java.io.IOException;
import java.util.List;

/**
 * The daemon's log drivers as the container service uses them: the registry of {@link LogDriverFactory}s,
 * the daemon's defaults ({@code --log-driver}, {@code --log-opt}, daemon.json), delivery modes and
 * Docker 20.10's dual logging (a local cache for drivers that cannot be read back).
 */
public interface LogDrivers {
    /** The daemon's default ({@code --log-driver}/{@code --log-opt}), for {@code docker info} and for create. */
    LogConfig defaults();

    /**
     * The config a new container stores: {@code requested} with an empty type taking the daemon's default
     * driver, and the daemon's default options when the driver is the default one (Docker's rule). Checked as
     * dockerd checks it: an unknown driver, an unknown option or a bad value is INVALID_ARGUMENT with Docker's
     * words ({@code logger: no log driver named 'x' is registered}, {@code unknown log opt 'k' for x log driver}).
     */
    LogConfig resolve(LogConfig requested);

    /**
     * The driver for a container's run: the named driver, in a ring buffer when {@code mode=non-blocking}, with
     * the dual-logging cache added for drivers that cannot be read back (unless {@code cache-disabled}). Its
     * {@link LogDriver#read} serves {@code docker logs}. IOException when the driver cannot start (Docker then
     * fails the start: "failed to initialize logging driver: …").
     */
    LogDriver open(LogConfig config, LogContext context) throws IOException;

    /**
     * Reads what a container's driver kept, with no driver open (a container that is not running): the
     * json-file or local files, or the dual-logging cache. NOT_IMPLEMENTED with Docker's words ("configured
     * logging driver does not support reading") when nothing was kept ({@code none}, a cache that is disabled).
     */
    LogSource readStored(LogConfig config, LogContext context, LogOptions options) throws IOException;

    /** The drivers' names, for {@code docker info}'s {@code Plugins.Log}. */
    List<String> names();
}

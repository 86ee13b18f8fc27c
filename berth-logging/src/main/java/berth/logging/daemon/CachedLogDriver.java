package berth.logging.daemon;

import berth.logs.LogOptions;
import berth.logs.LogSource;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogMessage;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A driver that cannot read its lines back, with the dual-logging cache beside it: each message goes to the
 * cache first, then to the driver. The two fail apart: a cache that cannot write is reported once and the
 * driver still gets every line; a driver that fails (its destination down) still leaves the line in the cache,
 * and its IOException goes to the caller as it would without the cache. {@link #read} is served by the cache;
 * {@link #dropped} is the driver's (the cache is local and synchronous).
 */
final class CachedLogDriver implements LogDriver {
    private static final System.Logger LOG = System.getLogger(CachedLogDriver.class.getName());

    private final LogDriver driver;
    private final LogDriver cache;
    private boolean cacheFailed;
    /** The message last written to the cache: a message the engine retries after the driver failed goes there once. */
    private LogMessage cached;

    CachedLogDriver(LogDriver driver, LogDriver cache) {
        this.driver = driver;
        this.cache = cache;
    }

    @Override
    public void log(LogMessage message) throws IOException {
        try {
            if (message != cached) {
                cached = message;
                cache.log(message);
            }
        } catch (IOException | RuntimeException e) {
            if (!cacheFailed) {
                cacheFailed = true;
                LOG.log(System.Logger.Level.WARNING, "writing the local log cache failed; docker logs will miss lines", e);
            }
        }
        driver.log(message);
    }

    @Override
    public Optional<LogSource> read(LogOptions options, CompletableFuture<?> end) throws IOException {
        return cache.read(options, end);
    }

    @Override
    public void flush() throws IOException {
        try {
            cache.flush();
        } catch (IOException | RuntimeException e) {
            if (!cacheFailed) {
                cacheFailed = true;
                LOG.log(System.Logger.Level.WARNING, "writing the local log cache failed; docker logs will miss lines", e);
            }
        }
        driver.flush();
    }

    @Override
    public long dropped() {
        return driver.dropped();
    }

    /** Closes the driver (which may flush for a while), then the cache, which ends its followers. */
    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            cache.close();
        }
    }
}

package berth.container.local;

import berth.container.Health;
import berth.container.HealthConfig;
import berth.runtime.ExecProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one container's health check every interval on a virtual thread, for as long as that run of
 * the container lasts, and hands each result to {@code onResult}. A probe that outlives its timeout
 * is signalled and counts as a failure with exit code -1, as in Docker.
 */
final class HealthMonitor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HealthMonitor.class.getName());

    private final HealthConfig config;
    private final Function<List<String>, ExecProcess> exec;
    private final Consumer<Health.Probe> onResult;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param exec     starts a probe's argv in the container (the container's env, user and workdir)
     * @param onResult records a result; called on the monitor's thread, one at a time
     */
    HealthMonitor(String containerId, HealthConfig config, Function<List<String>, ExecProcess> exec,
            Consumer<Health.Probe> onResult) {
        this.config = config;
        this.exec = exec;
        this.onResult = onResult;
        this.thread = Thread.ofVirtual().name("health-" + containerId.substring(0, 12)).unstarted(this::loop);
    }

    HealthMonitor start() {
        thread.start();
        return this;
    }

    private void loop() {
        Duration interval = HealthRule.interval(config);
        List<String> argv = HealthRule.argv(config);
        try {
            while (!closed) {
                Thread.sleep(interval);
                if (closed) {
                    return;
                }
                Health.Probe result = probe(argv);
                if (!closed) {
                    onResult.accept(result);
                }
            }
        } catch (InterruptedException e) {
            // closed: the run is over
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "health monitor stopped: " + e.getMessage(), e);
        }
    }

    private Health.Probe probe(List<String> argv) throws InterruptedException {
        Instant start = Instant.now();
        if (argv.isEmpty()) {
            return new Health.Probe(start, Instant.now(), -1, "unknown health check type: " + config.test());
        }
        ExecProcess p;
        try {
            p = exec.apply(argv);
        } catch (RuntimeException e) {
            return new Health.Probe(start, Instant.now(), -1, String.valueOf(e.getMessage()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread stdout = Thread.ofVirtual().start(() -> copyBounded(p.stdout(), out));
        Thread stderr = Thread.ofVirtual().start(() -> copyBounded(p.stderr(), out));
        Duration timeout = HealthRule.timeout(config);
        int code;
        try {
            code = p.exit().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            terminate(p);
            return new Health.Probe(start, Instant.now(), -1,
                    "Health check exceeded timeout (" + HumanDurations.of(timeout) + ")");
        } catch (java.util.concurrent.ExecutionException e) {
            return new Health.Probe(start, Instant.now(), -1, String.valueOf(e.getCause()));
        }
        stdout.join(1000);
        stderr.join(1000);
        String output;
        synchronized (out) {
            output = out.toString(StandardCharsets.UTF_8);
        }
        return new Health.Probe(start, Instant.now(), code, HealthRule.truncate(output));
    }

    private static void terminate(ExecProcess p) {
        ProcessHandle.of(p.pid()).ifPresent(h -> {
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
        });
    }

    private static void copyBounded(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (out) {
                    if (out.size() < HealthRule.MAX_OUTPUT) {
                        out.write(buf, 0, Math.min(n, HealthRule.MAX_OUTPUT - out.size()));
                    }
                }
            }
        } catch (IOException ignored) {
            // the probe ended or was killed: what was read is the output
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    /** Go's time.Duration formatting for whole seconds and milliseconds ("30s", "1.5s", "500ms"). */
    static final class HumanDurations {
        private HumanDurations() {}

        static String of(Duration d) {
            long ms = d.toMillis();
            if (ms < 1000) {
                return ms + "ms";
            }
            if (ms % 1000 == 0) {
                return (ms / 1000) + "s";
            }
            return String.valueOf(ms / 1000.0).replaceAll("0+$", "") + "s";
        }
    }
}

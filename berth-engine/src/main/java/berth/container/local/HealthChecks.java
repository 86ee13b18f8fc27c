package berth.container.local;

import berth.container.Container;
import berth.container.ContainerConfig;
import berth.container.ContainerStatus;
import berth.container.Health;
import berth.container.HealthConfig;
import berth.runtime.ContainerRuntime;
import berth.runtime.ExecProcess;
import berth.runtime.ExecRequest;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the health checks of running containers: one {@link HealthMonitor} per run, probes as execs
 * (with the exec events Docker emits for them), results recorded in the container's state by
 * {@link HealthRule} and a {@code health_status} event when the status changes.
 */
final class HealthChecks {
    private static final System.Logger LOG = System.getLogger(HealthChecks.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Persists a container's next state (the service's store-then-publish step). */
    @FunctionalInterface
    interface StateWriter {
        void write(ContainerEntry e, Container next) throws IOException;
    }

    private final ContainerRuntime runtime;
    private final ContainerEvents events;
    private final StateWriter writer;

    HealthChecks(ContainerRuntime runtime, ContainerEvents events, StateWriter writer) {
        this.runtime = runtime;
        this.events = events;
        this.writer = writer;
    }

    /** "starting" for a container whose run has a health check, else none. */
    static Optional<Health> initialHealth(Container c) {
        return check(c).map(h -> Health.starting());
    }

    private static Optional<HealthConfig> check(Container c) {
        return c.config().healthcheck().filter(h -> !h.disabled());
    }

    /** Starts checking the entry's current run, if its container has a check. */
    void start(ContainerEntry e) {
        Container c = e.container;
        Optional<HealthConfig> check = check(c);
        if (check.isEmpty()) {
            return;
        }
        Instant started = c.state().startedAt().orElse(Instant.now());
        stop(e);
        e.healthMonitor = new HealthMonitor(c.id(), check.get(), argv -> probe(c, argv),
                result -> record(e, check.get(), started, result)).start();
    }

    static void stop(ContainerEntry e) {
        HealthMonitor m = e.healthMonitor;
        if (m != null) {
            m.close();
            e.healthMonitor = null;
        }
    }

    /** Runs one probe as Docker does: an exec in the container, with the exec events it emits for it. */
    private ExecProcess probe(Container c, List<String> argv) {
        ContainerConfig k = c.config();
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        String execId = HexFormat.of().formatHex(id);
        String command = String.join(" ", argv);
        events.publish(c, "exec_create: " + command, Map.of("execID", execId));
        ExecProcess p = runtime.exec(c.id(), new ExecRequest(argv, k.env(), k.user(),
                k.workingDir().isEmpty() ? "/" : k.workingDir(), false));
        events.publish(c, "exec_start: " + command, Map.of("execID", execId));
        p.exit().thenAccept(code -> events.publish(c, "exec_die",
                Map.of("execID", execId, "exitCode", Integer.toString(code))));
        return p;
    }

    private void record(ContainerEntry e, HealthConfig check, Instant started, Health.Probe result) {
        String before;
        String after;
        e.lock.lock();
        try {
            Container c = e.container;
            if (c.state().status() != ContainerStatus.RUNNING && c.state().status() != ContainerStatus.PAUSED) {
                return;
            }
            Health current = c.state().health().orElse(Health.starting());
            Health next = HealthRule.next(current, result, check, started);
            before = current.status();
            after = next.status();
            writer.write(e, c.withState(c.state().withHealth(Optional.of(next))));
        } catch (IOException ex) {
            LOG.log(System.Logger.Level.WARNING, "cannot record the health of " + e.id(), ex);
            return;
        } finally {
            e.lock.unlock();
        }
        if (!before.equals(after)) {
            events.publish(e.container, "health_status: " + after);
        }
    }
}

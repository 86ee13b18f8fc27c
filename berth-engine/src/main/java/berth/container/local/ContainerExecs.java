package berth.container.local;

import berth.container.Attachment;
import berth.container.ConsoleSize;
import berth.container.Container;
import berth.container.ContainerConfig;
import berth.container.ContainerStatus;
import berth.container.DetachKeys;
import berth.container.ExecInfo;
import berth.container.ExecSpec;
import berth.errors.BerthException;
import berth.runtime.ContainerRuntime;
import berth.runtime.ExecProcess;
import berth.runtime.ExecRequest;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Docker's exec instances: registered by create, run once by start (through the runtime), inspected
 * until their container goes away. Emits exec_create, exec_start and exec_die as dockerd does.
 */
final class ContainerExecs {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An exec instance: what to run, and once started, its process. */
    private static final class ExecEntry {
        private final String id;
        private final String containerId;
        private final ExecSpec spec;
        private volatile ExecProcess process;
        /** A resize that came before the process existed (the CLI resizes right after the hijack). */
        private ConsoleSize pendingSize; // guarded by this

        ExecEntry(String id, String containerId, ExecSpec spec) {
            this.id = id;
            this.containerId = containerId;
            this.spec = spec;
        }
    }

    private final Map<String, ExecEntry> execs = new ConcurrentHashMap<>();
    private final ContainerRuntime runtime;
    private final ContainerEvents events;
    /** A container's current entry by full ID, or null once it is gone. */
    private final Function<String, ContainerEntry> entries;

    ContainerExecs(ContainerRuntime runtime, ContainerEvents events, Function<String, ContainerEntry> entries) {
        this.runtime = runtime;
        this.events = events;
        this.entries = entries;
    }

    String create(ContainerEntry e, ExecSpec spec) {
        ContainerStatus status = e.container.state().status();
        if (!e.container.state().running()) {
            throw BerthException.conflict("Container " + e.id() + " is not running");
        }
        if (status == ContainerStatus.PAUSED) {
            throw BerthException.conflict("Container " + e.id() + " is paused, unpause the container before exec");
        }
        if (status == ContainerStatus.RESTARTING) {
            throw BerthException.conflict("Container " + e.id() + " is restarting, wait until the container is running");
        }
        if (spec.cmd().isEmpty()) {
            throw BerthException.invalid("No exec command specified");
        }
        if (!spec.detachKeys().isEmpty()) {
            try {
                DetachKeys.parse(spec.detachKeys());
            } catch (BerthException bad) {
                throw BerthException.invalid("Invalid escape keys (" + spec.detachKeys() + ") provided", bad);
            }
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        execs.put(id, new ExecEntry(id, e.id(), spec));
        events.publish(e.container, "exec_create: " + String.join(" ", spec.cmd()), Map.of("execID", id));
        return id;
    }

    Attachment start(String execId, boolean detach, Optional<ConsoleSize> consoleSize) {
        ExecEntry x = execOrThrow(execId);
        ExecProcess p;
        synchronized (x) {
            if (x.process != null) {
                throw BerthException.conflict("exec " + execId + " has already been started");
            }
            ContainerEntry e = entries.apply(x.containerId);
            if (e == null || !e.container.state().running()) {
                throw BerthException.conflict("Container " + x.containerId + " is not running");
            }
            ContainerConfig k = e.container.config();
            ExecSpec s = x.spec;
            if (x.pendingSize != null) {
                consoleSize = Optional.of(x.pendingSize);
            }
            p = runtime.exec(x.containerId, new ExecRequest(s.cmd(), ConfigMerge.mergeEnv(k.env(), s.env()),
                    s.user().filter(u -> !u.isEmpty()).orElse(k.user()),
                    s.workingDir().filter(w -> !w.isEmpty()).orElse(k.workingDir()),
                    s.attachStdin() && !detach, s.tty(), s.privileged(), consoleSize));
            x.process = p;
            Container c = e.container;
            String command = String.join(" ", s.cmd());
            events.publish(c, "exec_start: " + command, Map.of("execID", execId));
            p.exit().thenAccept(code -> events.publish(c, "exec_die",
                    Map.of("execID", execId, "exitCode", Integer.toString(code))));
        }
        boolean attached = !detach;
        ExecOutput output = new ExecOutput(p.stdout(), attached && x.spec.attachStdout(), p.stderr(),
                attached && x.spec.attachStderr(), p.exit());
        if (detach) {
            output.close();
        }
        Optional<OutputStream> stdin = attached && x.spec.attachStdin() ? Optional.of(p.stdin()) : Optional.empty();
        return new StreamAttachment(output, stdin);
    }

    ExecInfo inspect(String execId) {
        ExecEntry x = execOrThrow(execId);
        ExecProcess p = x.process;
        Integer code = p == null ? null : p.exit().getNow(null);
        boolean running = p != null && code == null;
        return new ExecInfo(x.id, x.containerId, x.spec, running,
                code == null ? OptionalInt.empty() : OptionalInt.of(code), running ? p.pid() : 0);
    }

    void resize(String execId, int height, int width) {
        ExecEntry x = execOrThrow(execId);
        if (!x.spec.tty()) {
            return; // dockerd answers a resize of a TTY-less exec without doing anything
        }
        ExecProcess p;
        synchronized (x) {
            p = x.process;
            if (p == null) {
                // the start is on its way (the hijack is answered before the process runs): it takes this size
                x.pendingSize = new ConsoleSize(height, width);
                return;
            }
        }
        if (!p.exit().isDone()) {
            p.resize(height, width);
        }
    }

    /** Forgets the exec instances of a removed container. */
    void forget(String containerId) {
        execs.values().removeIf(x -> x.containerId.equals(containerId));
    }

    private ExecEntry execOrThrow(String execId) {
        ExecEntry x = execId == null ? null : execs.get(execId);
        if (x == null) {
            throw BerthException.notFound("No such exec instance: " + execId);
        }
        return x;
    }
}

package berth.api.fake;

import berth.container.AttachOptions;
import berth.container.Attachment;
import berth.container.Container;
import berth.container.ContainerConfig;
import berth.container.ContainerFilter;
import berth.container.ContainerService;
import berth.container.ContainerSpec;
import berth.container.ContainerState;
import berth.container.ContainerStatus;
import berth.container.CreateResult;
import berth.container.ExecInfo;
import berth.container.ExecSpec;
import berth.container.TopResult;
import berth.container.WaitCondition;
import berth.content.Digest;
import berth.errors.BerthException;
import berth.logs.LogEntry;
import berth.logs.LogOptions;
import berth.logs.LogSource;
import berth.logs.StreamType;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An in-memory container engine for testing the HTTP adapter: "running" a container writes
 * {@code output} to stdout (and "err\n"-style text given in {@code errOutput} to stderr) and exits
 * with {@code exitCode}; no process is started. An exec writes {@code execOutput} and
 * {@code execErrOutput} and exits with {@code execExitCode}, except {@code cat}, which echoes its
 * stdin on stdout until EOF and exits 0.
 */
public final class FakeContainerService implements ContainerService {
    public volatile String output = "hi\n";
    public volatile String errOutput = "";
    public volatile int exitCode = 3;
    /** When set, started containers stay running until killed or stopped. */
    public volatile boolean keepRunning;
    public final List<ContainerSpec> created = new CopyOnWriteArrayList<>();
    public final ByteArrayOutputStream stdinReceived = new ByteArrayOutputStream();

    private final FakeImageService images;
    private final Map<String, Entry> byId = new ConcurrentHashMap<>();

    /** When set, create and connect/disconnect record network memberships here. */
    public volatile FakeNetworkService networks;

    public FakeContainerService(FakeImageService images) {
        this.images = images;
    }

    @Override
    public void connectNetwork(String containerRef, String networkRef, berth.network.EndpointConfig config) {
        Container c = inspect(containerRef);
        networks.join(c.id(), c.name(), networkRef, config);
    }

    @Override
    public void disconnectNetwork(String containerRef, String networkRef, boolean force) {
        Container c = inspect(containerRef);
        networks.leave(c.id(), networkRef);
    }

    private final class Entry {
        volatile Container c;
        final List<LinkedBlockingQueue<Optional<LogEntry>>> listeners = new CopyOnWriteArrayList<>();
        final List<LogEntry> log = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Integer>> exitWaiters = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Integer>> removeWaiters = new CopyOnWriteArrayList<>();

        Entry(Container c) {
            this.c = c;
        }

        void state(ContainerState s) {
            Container o = c;
            c = o.withState(s);
        }

        void name(String name) {
            Container o = c;
            c = o.withName(name);
        }

        void status(ContainerStatus status) {
            ContainerState s = c.state();
            state(new ContainerState(status, s.pid(), s.exitCode(), s.error(), s.oomKilled(), s.startedAt(), s.finishedAt()));
        }

        void emit(StreamType t, String text) {
            if (text.isEmpty()) {
                return;
            }
            LogEntry e = new LogEntry(t, Instant.now(), text.getBytes(StandardCharsets.UTF_8));
            log.add(e);
            listeners.forEach(q -> q.add(Optional.of(e)));
        }

        void exit(int code) {
            ContainerState s = c.state();
            state(new ContainerState(ContainerStatus.EXITED, 0, code, "", false, s.startedAt(), Optional.of(Instant.now())));
            listeners.forEach(q -> q.add(Optional.empty()));
            listeners.clear();
            exitWaiters.forEach(f -> f.complete(code));
            exitWaiters.clear();
            if (c.autoRemove()) {
                byId.remove(c.id());
                removeWaiters.forEach(f -> f.complete(code));
            }
        }
    }

    @Override
    public CreateResult create(ContainerSpec spec) {
        if (!spec.unsupported().isEmpty()) {
            throw BerthException.notImplemented("not supported by berth yet: " + String.join(", ", spec.unsupported()));
        }
        var img = images.inspect(spec.image());
        String name = spec.name().orElse("fake_" + ThreadLocalRandom.current().nextInt(100000));
        for (Entry e : byId.values()) {
            if (e.c.name().equals(name)) {
                throw BerthException.conflict("Conflict. The container name \"/" + name + "\" is already in use by container \""
                        + e.c.id() + "\". You have to remove (or rename) that container to be able to reuse that name.");
            }
        }
        byte[] raw = new byte[32];
        ThreadLocalRandom.current().nextBytes(raw);
        String id = HexFormat.of().formatHex(raw);
        List<String> argv = new ArrayList<>(spec.entrypoint().orElse(List.of()));
        argv.addAll(spec.cmd().orElse(img.config().cmd().orElse(List.of())));
        if (argv.isEmpty()) {
            argv.add("sh");
        }
        ContainerConfig cfg = new ContainerConfig(spec.hostname().orElse(id.substring(0, 12)), "", spec.user().orElse(""),
                spec.attachStdin(), spec.attachStdout(), spec.attachStderr(), spec.openStdin(), spec.stdinOnce(), spec.tty(),
                spec.env(), spec.cmd().orElse(List.of()), spec.entrypoint().orElse(List.of()), spec.image(),
                spec.workingDir().orElse(""), spec.labels(), spec.exposedPorts(), spec.stopSignal(), spec.stopTimeout());
        Container c = new Container(id, name, Instant.now(), argv.getFirst(), argv.subList(1, argv.size()),
                ContainerState.created(), img.id(), spec.image(), cfg, spec.networkMode(), spec.autoRemove(),
                Path.of("/tmp/fake/" + id + ".log"), Path.of("/tmp/fake/resolv.conf"), Path.of("/tmp/fake/hostname"),
                Path.of("/tmp/fake/hosts"), 0, "overlay2", "runc", spec.hostConfig());
        byId.put(id, new Entry(c));
        created.add(spec);
        if (networks != null) {
            String mode = spec.networkMode().equals("default") ? "bridge" : spec.networkMode();
            networks.join(id, name, mode, spec.endpoints().getOrDefault(mode, berth.network.EndpointConfig.DEFAULT));
        }
        return new CreateResult(id, List.of());
    }

    private Entry find(String ref) {
        String r = ref.startsWith("/") ? ref.substring(1) : ref;
        Entry exact = byId.get(r);
        if (exact != null) {
            return exact;
        }
        for (Entry e : byId.values()) {
            if (e.c.name().equals(r)) {
                return e;
            }
        }
        List<Entry> prefixed = byId.values().stream().filter(e -> e.c.id().startsWith(r)).toList();
        if (prefixed.size() == 1) {
            return prefixed.getFirst();
        }
        throw BerthException.notFound("No such container: " + ref);
    }

    @Override
    public boolean start(String ref) {
        Entry e = find(ref);
        if (e.c.state().running()) {
            return false;
        }
        e.state(new ContainerState(ContainerStatus.RUNNING, 4242, 0, "", false, Optional.of(Instant.now()), Optional.empty()));
        Thread.ofVirtual().start(() -> {
            e.emit(StreamType.STDOUT, output);
            e.emit(StreamType.STDERR, errOutput);
            if (!keepRunning) {
                e.exit(exitCode);
            }
        });
        return true;
    }

    @Override
    public CompletableFuture<Integer> wait(String ref, WaitCondition condition) {
        Entry e = find(ref);
        CompletableFuture<Integer> f = new CompletableFuture<>();
        if (condition == WaitCondition.NOT_RUNNING && !e.c.state().running()) {
            f.complete(e.c.state().exitCode());
        } else if (condition == WaitCondition.REMOVED) {
            e.removeWaiters.add(f);
        } else {
            e.exitWaiters.add(f);
        }
        return f;
    }

    @Override
    public Attachment attach(String ref, AttachOptions options) {
        Entry e = find(ref);
        LinkedBlockingQueue<Optional<LogEntry>> q = new LinkedBlockingQueue<>();
        if (options.logs()) {
            e.log.forEach(l -> q.add(Optional.of(l)));
        }
        if (options.stream() && (e.c.state().running() || e.c.state().status() == ContainerStatus.CREATED)) {
            e.listeners.add(q);
        } else {
            q.add(Optional.empty());
        }
        LogSource src = queueSource(q);
        Optional<OutputStream> stdin = options.stdin() && e.c.config().openStdin() ? Optional.of(new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (stdinReceived) {
                    stdinReceived.write(b);
                }
            }
        }) : Optional.empty();
        return new Attachment() {
            @Override
            public LogSource output() {
                return src;
            }

            @Override
            public Optional<OutputStream> stdin() {
                return stdin;
            }

            @Override
            public void close() {
                src.close();
            }
        };
    }

    private static LogSource queueSource(LinkedBlockingQueue<Optional<LogEntry>> q) {
        return new LogSource() {
            private volatile boolean done;

            @Override
            public Optional<LogEntry> next() throws InterruptedException {
                if (done) {
                    return Optional.empty();
                }
                Optional<LogEntry> e = q.take();
                if (e.isEmpty()) {
                    done = true;
                }
                return e;
            }

            @Override
            public void close() {
                done = true;
                q.add(Optional.empty());
            }
        };
    }

    /** Log sources handed out by logs(); tests check that a disconnect closed them. */
    public final List<LogSource> openedLogs = new CopyOnWriteArrayList<>();
    public final List<LogSource> closedLogs = new CopyOnWriteArrayList<>();

    @Override
    public LogSource logs(String ref, LogOptions options) {
        Entry e = find(ref);
        LinkedBlockingQueue<Optional<LogEntry>> q = new LinkedBlockingQueue<>();
        List<LogEntry> past = e.log.stream().filter(l -> options.since().map(s -> !l.time().isBefore(s)).orElse(true)).toList();
        if (options.tail().isPresent()) {
            past = past.subList(Math.max(0, past.size() - options.tail().getAsInt()), past.size());
        }
        past.forEach(l -> q.add(Optional.of(l)));
        if (options.follow() && e.c.state().running()) {
            e.listeners.add(q);
        } else {
            q.add(Optional.empty());
        }
        LogSource inner = queueSource(q);
        LogSource tracked = new LogSource() {
            @Override
            public Optional<LogEntry> next() throws java.io.IOException, InterruptedException {
                return inner.next();
            }

            @Override
            public void close() {
                closedLogs.add(this);
                inner.close();
            }
        };
        openedLogs.add(tracked);
        return tracked;
    }

    @Override
    public void kill(String ref, Optional<String> signal) {
        Entry e = find(ref);
        if (!e.c.state().running()) {
            throw BerthException.conflict("Container " + e.c.id() + " is not running");
        }
        e.exit(137);
    }

    @Override
    public boolean stop(String ref, Optional<Integer> timeoutSeconds) {
        Entry e = find(ref);
        if (!e.c.state().running()) {
            return false;
        }
        e.exit(143);
        return true;
    }

    @Override
    public void restart(String ref, Optional<Integer> timeoutSeconds) {
        stop(ref, timeoutSeconds);
        start(ref);
    }

    @Override
    public void pause(String ref) {
        Entry e = find(ref);
        synchronized (e) {
            ContainerStatus s = e.c.state().status();
            if (s == ContainerStatus.PAUSED) {
                throw BerthException.conflict("Container " + e.c.id() + " is already paused");
            }
            if (s != ContainerStatus.RUNNING) {
                throw BerthException.conflict("Container " + e.c.id() + " is not running");
            }
            e.status(ContainerStatus.PAUSED);
        }
    }

    @Override
    public void unpause(String ref) {
        Entry e = find(ref);
        synchronized (e) {
            if (e.c.state().status() != ContainerStatus.PAUSED) {
                throw BerthException.conflict("Container " + e.c.id() + " is not paused");
            }
            e.status(ContainerStatus.RUNNING);
        }
    }

    @Override
    public synchronized void rename(String ref, String newName) {
        Entry e = find(ref);
        String name = berth.api.wire.CreateRequest.validName(newName);
        if (name.equals(e.c.name())) {
            throw BerthException.invalid("Renaming a container with the same name as its current name");
        }
        for (Entry other : byId.values()) {
            if (other.c.name().equals(name)) {
                throw BerthException.conflict("Conflict. The container name \"/" + name + "\" is already in use by container \""
                        + other.c.id() + "\". You have to remove (or rename) that container to be able to reuse that name.");
            }
        }
        e.name(name);
    }

    /** The ps arguments of the last top call, as the engine received them. */
    public volatile String lastPsArgs;

    /** Shows the container's main process as {@code ps -ef} would: one row, PID 4242. */
    @Override
    public TopResult top(String ref, String psArgs) {
        Entry e = find(ref);
        if (!e.c.state().running()) {
            throw BerthException.conflict("Container " + e.c.id() + " is not running");
        }
        lastPsArgs = psArgs;
        String cmd = berth.api.wire.ContainerMapper.command(e.c.path(), e.c.args());
        return new TopResult(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"),
                List.of(List.of("root", String.valueOf(e.c.state().pid()), "4200", "0", "10:00", "?", "00:00:00", cmd)));
    }

    @Override
    public void remove(String ref, boolean force, boolean removeVolumes) {
        Entry e = find(ref);
        if (e.c.state().running() && !force) {
            throw BerthException.conflict("You cannot remove a running container " + e.c.id()
                    + ". Stop the container before attempting removal or force remove");
        }
        byId.remove(e.c.id());
        e.removeWaiters.forEach(f -> f.complete(e.c.state().exitCode()));
    }

    @Override
    public List<Container> list(ContainerFilter filter) {
        return byId.values().stream().map(e -> e.c)
                .filter(c -> filter.all() || c.state().running())
                .filter(c -> filter.labels().stream().allMatch(l -> berth.image.ImageService.labelsMatch(List.of(l), c.config().labels())))
                .sorted((a, b) -> b.created().compareTo(a.created()))
                .toList();
    }

    @Override
    public Container inspect(String ref) {
        return find(ref).c;
    }

    @Override
    public void resize(String ref, int height, int width) {
        if (!find(ref).c.state().running()) {
            throw BerthException.conflict("Container " + ref + " is not running");
        }
    }

    // ---- exec ----

    public volatile String execOutput = "exec out\n";
    public volatile String execErrOutput = "exec err\n";
    public volatile int execExitCode = 3;
    /** When set, exec processes wait for it before they exit, so a test can see one running. */
    public volatile CountDownLatch execGate;
    public final List<ExecSpec> execsCreated = new CopyOnWriteArrayList<>();
    private final Map<String, FakeExec> execs = new ConcurrentHashMap<>();

    private static final class FakeExec {
        final String id;
        final String containerId;
        final ExecSpec spec;
        boolean started;
        volatile boolean running;
        volatile OptionalInt exitCode = OptionalInt.empty();

        FakeExec(String id, String containerId, ExecSpec spec) {
            this.id = id;
            this.containerId = containerId;
            this.spec = spec;
        }
    }

    @Override
    public String createExec(String containerRef, ExecSpec spec) {
        Entry e = find(containerRef);
        if (!e.c.state().running()) {
            throw BerthException.conflict("Container " + e.c.id() + " is not running");
        }
        if (spec.cmd().isEmpty()) {
            throw BerthException.invalid("No exec command specified");
        }
        if (spec.tty() || spec.privileged()) {
            throw BerthException.notImplemented("a TTY or privileged exec is not implemented in berth yet");
        }
        String id = randomId();
        execs.put(id, new FakeExec(id, e.c.id(), spec));
        execsCreated.add(spec);
        return id;
    }

    @Override
    public Attachment startExec(String execId, boolean detach) {
        FakeExec x = findExec(execId);
        synchronized (x) {
            if (x.started) {
                throw BerthException.conflict("exec " + x.id + " has already been started");
            }
            Entry e = byId.get(x.containerId);
            if (e == null || !e.c.state().running()) {
                throw BerthException.conflict("Container " + x.containerId + " is not running");
            }
            x.started = true;
            x.running = true;
        }
        LinkedBlockingQueue<Optional<LogEntry>> out = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<byte[]> in = new LinkedBlockingQueue<>();
        byte[] eof = new byte[0];
        if (!x.spec.attachStdin() || detach) {
            in.add(eof);
        }
        Thread.ofVirtual().start(() -> runExec(x, detach ? new LinkedBlockingQueue<>() : out, in, eof));
        if (detach) {
            out.add(Optional.empty());
        }
        LogSource src = queueSource(out);
        Optional<OutputStream> stdin = x.spec.attachStdin() && !detach ? Optional.of(new OutputStream() {
            private boolean closed;

            @Override
            public void write(int b) throws java.io.IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
                if (closed) {
                    throw new java.io.IOException("stdin closed");
                }
                if (len > 0) {
                    in.add(java.util.Arrays.copyOfRange(b, off, off + len));
                }
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    in.add(eof);
                }
            }
        }) : Optional.empty();
        return new Attachment() {
            @Override
            public LogSource output() {
                return src;
            }

            @Override
            public Optional<OutputStream> stdin() {
                return stdin;
            }

            @Override
            public void close() {
                src.close();
                in.add(eof);
            }
        };
    }

    private void runExec(FakeExec x, LinkedBlockingQueue<Optional<LogEntry>> out, LinkedBlockingQueue<byte[]> in, byte[] eof) {
        int code;
        try {
            if (x.spec.cmd().getFirst().equals("cat")) {
                byte[] chunk;
                while ((chunk = in.take()) != eof) {
                    out.add(Optional.of(new LogEntry(StreamType.STDOUT, Instant.now(), chunk)));
                }
                code = 0;
            } else {
                for (var part : List.of(Map.entry(StreamType.STDOUT, execOutput), Map.entry(StreamType.STDERR, execErrOutput))) {
                    if (!part.getValue().isEmpty()) {
                        out.add(Optional.of(new LogEntry(part.getKey(), Instant.now(), part.getValue().getBytes(StandardCharsets.UTF_8))));
                    }
                }
                code = execExitCode;
            }
            CountDownLatch gate = execGate;
            if (gate != null) {
                gate.await();
            }
        } catch (InterruptedException e) {
            code = 137;
        }
        // the exit code is known before the output ends, as the CLI inspects right after the stream closes
        x.exitCode = OptionalInt.of(code);
        x.running = false;
        out.add(Optional.empty());
    }

    @Override
    public ExecInfo inspectExec(String execId) {
        FakeExec x = findExec(execId);
        return new ExecInfo(x.id, x.containerId, x.spec, x.running, x.exitCode, x.running ? 5151 : 0);
    }

    private FakeExec findExec(String execId) {
        FakeExec x = execs.get(execId);
        if (x == null) {
            throw BerthException.notFound("No such exec instance: " + execId);
        }
        return x;
    }

    private static String randomId() {
        byte[] raw = new byte[32];
        ThreadLocalRandom.current().nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }

    /** Helper for tests: makes an image digest. */
    public static Digest digestOf(String s) {
        return Digest.sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Digest commit(String ref, berth.container.CommitOptions options) {
        throw BerthException.notImplemented("commit is not faked");
    }

    @Override
    public berth.image.Image commitBuildStep(String ref, berth.image.ImageCommit commit) {
        throw BerthException.notImplemented("commit is not faked");
    }
}

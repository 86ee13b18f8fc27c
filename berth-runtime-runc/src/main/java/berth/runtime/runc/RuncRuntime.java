package berth.runtime.runc;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.logs.LogOptions;
import berth.logs.LogSource;
import berth.runtime.ContainerRuntime;
import berth.runtime.ExecProcess;
import berth.runtime.ExecRequest;
import berth.runtime.ExitStatus;
import berth.runtime.RuntimeSpec;
import berth.runtime.StartedProcess;
import berth.sys.SeqPacketSocket;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * {@link ContainerRuntime} through conmon and an OCI runtime (runc; crun where the host's cgroups
 * allow it).
 *
 * <h2>Files</h2>
 * Under the exec root (keep it short: socket paths must fit 108 bytes):
 * <pre>
 *   exits/&lt;id&gt;     exit code, written by conmon after the log is flushed
 *   s/&lt;id&gt;         conmon's symlink to the bundle, so s/&lt;id&gt;/attach is a short socket path
 * </pre>
 * The runtime's own state lives in {@code runtimeRoot} ({@code runc --root}). In the bundle:
 * config.json, pidfile (container pid), conmon.pid, runc.log (runc's JSON log), conmon.out,
 * attach (stdin socket), ctl and winsz (conmon's FIFOs), oom and exit (conmon's persist files), and
 * exec-&lt;tag&gt;/ per running TTY exec (its own conmon's log, sockets and exit file; see {@link TtyExec}).
 *
 * <h2>Start</h2>
 * conmon double-forks and runs {@code runc create}; success shows as runc's pidfile in the bundle,
 * failure as an error in runc.log. Both land in the bundle directory, which is watched with
 * inotify, so start waits for an event rather than polling; then {@code runc start}.
 */
public final class RuncRuntime implements ContainerRuntime, AutoCloseable {
    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(60);
    private static final long LIVENESS_CHECK_MILLIS = 50;
    private static final Duration ATTACH_SOCKET_WAIT = Duration.ofSeconds(5);
    private static final Pattern CONTAINER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final List<String> BUNDLE_FILES = List.of("config.json", ConmonCommand.CONTAINER_PIDFILE,
            ConmonCommand.CONMON_PIDFILE, ConmonCommand.RUNTIME_LOG, "conmon.out", "attach", "ctl", "winsz", "oom", "exit");

    private final Path runtimeBinary;
    private final Path conmonBinary;
    private final Path execRoot;
    private final Path runtimeRoot;
    private final Path exitDir;
    private final Path socketDir;
    private final String name;
    private final ObjectMapper mapper = new ObjectMapper();
    private final DirectoryWatcher watcher = new DirectoryWatcher();
    private final ExitTracker exits;
    private final OciSpecFactory specs;
    /** Bundles of containers started by this instance, for OOM markers and cleanup. */
    private final ConcurrentHashMap<String, Path> bundles = new ConcurrentHashMap<>();
    /** Containers started with a TTY by this instance: conmon keeps their input open (--leave-stdin-open). */
    private final java.util.Set<String> terminals = ConcurrentHashMap.newKeySet();
    private final CgroupStatsReader cgroupStats = new CgroupStatsReader(Path.of("/sys/fs/cgroup"), Path.of("/proc"));
    /** Per-container exec agents: most execs skip a whole runc exec (see ExecAgents). */
    private final ExecAgents agents;

    /**
     * @param runtimeBinary /usr/sbin/runc or /usr/bin/crun
     * @param conmonBinary  /usr/bin/conmon
     * @param execRoot      a short directory for exit files and socket links, e.g. /run/berth
     * @param runtimeRoot   the OCI runtime's state root ({@code --root}), e.g. /run/berth/runc
     */
    public RuncRuntime(Path runtimeBinary, Path conmonBinary, Path execRoot, Path runtimeRoot) {
        this.runtimeBinary = runtimeBinary;
        this.conmonBinary = conmonBinary;
        this.execRoot = execRoot.toAbsolutePath();
        this.runtimeRoot = runtimeRoot.toAbsolutePath();
        this.exitDir = this.execRoot.resolve("exits");
        this.socketDir = this.execRoot.resolve("s");
        this.name = runtimeBinary.getFileName().toString();
        try {
            Files.createDirectories(socketDir);
            Files.createDirectories(this.runtimeRoot);
            this.exits = new ExitTracker(exitDir, watcher, this::oomKilled);
        } catch (IOException e) {
            watcher.close();
            throw new UncheckedIOException("cannot prepare runtime directories under " + execRoot, e);
        }
        this.specs = new OciSpecFactory(SeccompProfile.dockerDefault(mapper), HostFacts.read());
        this.agents = new ExecAgents(runtimeBinary, this.runtimeRoot, mapper, ExecAgents.enabledByEnvironment());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> unusableReason() {
        if (!Files.isExecutable(runtimeBinary)) {
            return Optional.of("OCI runtime " + runtimeBinary + " is not installed or not executable");
        }
        if (!Files.isExecutable(conmonBinary)) {
            return Optional.of("container monitor " + conmonBinary + " is not installed or not executable");
        }
        if (name.contains("crun")) {
            return CgroupLayout.crunUnusableReason(Path.of("/sys/fs/cgroup"));
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- start

    @Override
    public StartedProcess start(RuntimeSpec spec) {
        return start(spec, pid -> {});
    }

    @Override
    public StartedProcess start(RuntimeSpec spec, java.util.function.IntConsumer beforeStart) {
        String id = checkId(spec.id());
        Path bundle = spec.bundle().toAbsolutePath();
        try {
            writeConfig(spec, bundle);
            for (String f : List.of(ConmonCommand.CONTAINER_PIDFILE, ConmonCommand.CONMON_PIDFILE,
                    ConmonCommand.RUNTIME_LOG, "oom", "exit")) {
                Files.deleteIfExists(bundle.resolve(f));
            }
            exits.reset(id);
            agents.forget(id);
            bundles.put(id, bundle);
            if (spec.tty()) {
                terminals.add(id);
            } else {
                terminals.remove(id);
            }
            int pid = createThroughConmon(spec, id, bundle);
            try {
                beforeStart.accept(pid);
            } catch (RuntimeException e) {
                runtimeQuietly("delete", "--force", id);
                throw e;
            }
            RunResult started = runtime("start", id);
            if (started.exitCode() != 0) {
                runtimeQuietly("delete", "--force", id);
                throw RuncErrors.startFailure(name, started.output());
            }
            return new StartedProcess(pid, Instant.now());
        } catch (IOException e) {
            throw BerthException.internal("cannot start container " + id + ": " + e.getMessage(), e);
        }
    }

    private void writeConfig(RuntimeSpec spec, Path bundle) throws IOException {
        ResolvedUser user = UserResolver.resolve(spec.user(), spec.hostConfig().groupAdd(),
                RootfsPaths.readIfExists(spec.rootfs(), "/etc/passwd"),
                RootfsPaths.readIfExists(spec.rootfs(), "/etc/group"));
        ObjectNode config = specs.create(spec, user);
        Files.write(bundle.resolve("config.json"), mapper.writeValueAsBytes(config));
    }

    /** Launches conmon and waits (on inotify events) until runc create succeeded or failed. */
    private int createThroughConmon(RuntimeSpec spec, String id, Path bundle) throws IOException {
        Semaphore changed = new Semaphore(0);
        ConmonCommand cmd = new ConmonCommand(conmonBinary, runtimeBinary, runtimeRoot, id, bundle, exitDir,
                socketDir, spec.logPath().toAbsolutePath(), spec.openStdin(), spec.tty());
        DirectoryWatcher.Subscription bundleEvents = watcher.subscribe(bundle, f -> changed.release());
        try {
            Path out = bundle.resolve("conmon.out");
            Process conmon = new ProcessBuilder(cmd.argv())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectErrorStream(true)
                    .start();
            int parentExit = waitUninterruptibly(conmon);
            if (parentExit != 0) {
                throw BerthException.internal("conmon failed to start container " + id + " (exit " + parentExit + "): "
                        + readQuietly(out).trim(), null);
            }
            long conmonPid = Long.parseLong(Files.readString(bundle.resolve(ConmonCommand.CONMON_PIDFILE)).trim());
            long deadline = System.nanoTime() + CREATE_TIMEOUT.toNanos();
            while (true) {
                Optional<Integer> pid = readPid(bundle.resolve(ConmonCommand.CONTAINER_PIDFILE));
                if (pid.isPresent()) {
                    return pid.get();
                }
                String error = RuncErrors.lastError(readQuietly(bundle.resolve(ConmonCommand.RUNTIME_LOG)), mapper);
                if (error != null) {
                    runtimeQuietly("delete", "--force", id);
                    throw RuncErrors.startFailure(name, error);
                }
                if (!isAlive(conmonPid)) {
                    // The pidfile or the error may have landed just before conmon exited.
                    pid = readPid(bundle.resolve(ConmonCommand.CONTAINER_PIDFILE));
                    if (pid.isPresent()) {
                        return pid.get();
                    }
                    error = RuncErrors.lastError(readQuietly(bundle.resolve(ConmonCommand.RUNTIME_LOG)), mapper);
                    runtimeQuietly("delete", "--force", id);
                    throw error != null ? RuncErrors.startFailure(name, error)
                            : BerthException.internal("conmon exited before container " + id + " was created: "
                                    + readQuietly(out).trim(), null);
                }
                if (System.nanoTime() > deadline) {
                    ProcessHandle.of(conmonPid).ifPresent(ProcessHandle::destroyForcibly);
                    runtimeQuietly("delete", "--force", id);
                    throw new BerthException(ErrorKind.INTERNAL, "timed out after " + CREATE_TIMEOUT.toSeconds()
                            + "s waiting for " + name + " to create container " + id);
                }
                try {
                    changed.tryAcquire(LIVENESS_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw BerthException.internal("interrupted while starting container " + id, e);
                }
                changed.drainPermits();
            }
        } finally {
            bundleEvents.close();
        }
    }

    private static Optional<Integer> readPid(Path pidfile) {
        try {
            String s = Files.readString(pidfile).trim();
            return s.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(s));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Alive and not a zombie: conmon's child is reparented, so a zombie may linger until init reaps it. */
    static boolean isAlive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- exit, kill, delete, state

    @Override
    public CompletableFuture<ExitStatus> exitFuture(String id) {
        return exits.future(checkId(id));
    }

    @Override
    public void kill(String id, int signal) {
        checkId(id);
        RunResult r = runtime("kill", id, Integer.toString(signal));
        if (r.exitCode() != 0) {
            if (RuncErrors.notRunning(r.output())) {
                throw BerthException.conflict("Container " + id + " is not running");
            }
            throw BerthException.internal("cannot signal container " + id + ": " + r.output().trim(), null);
        }
    }

    @Override
    public void pause(String id) {
        simpleCommand(id, "pause");
    }

    @Override
    public void resume(String id) {
        simpleCommand(id, "resume");
    }

    private void simpleCommand(String id, String verb) {
        checkId(id);
        RunResult r = runtime(verb, id);
        if (r.exitCode() != 0) {
            if (RuncErrors.notRunning(r.output())) {
                throw BerthException.conflict("Container " + id + " is not running");
            }
            throw BerthException.internal("cannot " + verb + " container " + id + ": " + r.output().trim(), null);
        }
    }

    @Override
    public List<Integer> pids(String id) {
        checkId(id);
        RunResult r = runtime("ps", "--format", "json", id);
        if (r.exitCode() != 0) {
            if (RuncErrors.notRunning(r.output())) {
                throw BerthException.conflict("Container " + id + " is not running");
            }
            throw BerthException.internal("cannot list the processes of " + id + ": " + r.output().trim(), null);
        }
        try {
            List<Integer> pids = new ArrayList<>();
            for (JsonNode n : mapper.readTree(r.output())) {
                pids.add(n.asInt());
            }
            return agents.withoutAgent(id, pids);
        } catch (IOException e) {
            throw BerthException.internal("cannot read runc ps output for " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String id) {
        checkId(id);
        // runc's state dir tells whether there is anything to delete; "delete --force" of an unknown id exits 0.
        boolean existed = Files.isDirectory(runtimeRoot.resolve(id));
        RunResult r = runtime("delete", "--force", id);
        if (r.exitCode() != 0 && !RuncErrors.doesNotExist(r.output())) {
            throw BerthException.internal("cannot delete container " + id + ": " + r.output().trim(), null);
        }
        Path bundle = bundles.remove(id);
        agents.forget(id);
        terminals.remove(id);
        try {
            CompletableFuture<ExitStatus> exit = exits.future(id);
            if (existed && !exit.isDone() && r.exitCode() == 0) {
                // The forced delete killed a live process: let conmon finish writing before we clean up.
                exit.get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // conmon is gone or slow; clean up what is there
        }
        try {
            exits.forget(id);
            Files.deleteIfExists(socketDir.resolve(id));
            if (bundle != null) {
                for (String f : BUNDLE_FILES) {
                    Files.deleteIfExists(bundle.resolve(f));
                }
            }
        } catch (IOException e) {
            throw BerthException.internal("cannot remove runtime files of container " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public RuntimeState state(String id) {
        checkId(id);
        Optional<ExitStatus> exited = exits.read(id);
        if (exited.isPresent()) {
            return new RuntimeState.Exited(exited.get());
        }
        if (!Files.isDirectory(runtimeRoot.resolve(id))) {
            // runc and crun keep a directory per container they know: none means nothing to ask
            // (and no process to spawn for each of a daemon's many stopped containers at start-up).
            return new RuntimeState.Unknown();
        }
        RunResult r = runtime("state", id);
        if (r.exitCode() != 0) {
            return new RuntimeState.Unknown();
        }
        try {
            JsonNode state = mapper.readTree(r.output());
            String status = state.path("status").asText();
            if (state.hasNonNull("bundle")) {
                bundles.putIfAbsent(id, Path.of(state.get("bundle").asText()));
            }
            if (status.equals("running") || status.equals("paused")) {
                return new RuntimeState.Running(state.path("pid").asInt());
            }
            if (status.equals("created")) {
                return new RuntimeState.Created();
            }
            return new RuntimeState.Unknown();
        } catch (IOException e) {
            return new RuntimeState.Unknown();
        }
    }

    @Override
    public void update(String id, berth.container.HostConfig.Resources resources) {
        checkId(id);
        Path file = null;
        try {
            // runc reads the new limits from a file; the exec root is ours and short-lived files suit it
            file = Files.createTempFile(execRoot, "update-", ".json");
            Files.write(file, mapper.writeValueAsBytes(OciResources.of(resources)));
            RunResult r = runtime("update", "--resources", file.toString(), id);
            if (r.exitCode() != 0) {
                if (RuncErrors.notRunning(r.output())) {
                    throw BerthException.conflict("Container " + id + " is not running");
                }
                throw BerthException.internal(name + " update failed: " + r.output().trim(), null);
            }
        } catch (IOException e) {
            throw BerthException.internal("cannot update the resources of " + id + ": " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a stray temp file in the exec root is harmless; the update's outcome matters more
                }
            }
        }
    }

    @Override
    public berth.container.ContainerStats stats(String id) {
        checkId(id);
        if (exits.read(id).isPresent()) {
            throw BerthException.conflict("Container " + id + " is not running");
        }
        return cgroupStats.read(OciSpecFactory.CGROUP_PARENT + "/" + id, Instant.now());
    }

    private boolean oomKilled(String id) {
        Path bundle = bundles.get(id);
        return bundle != null && Files.exists(bundle.resolve("oom"));
    }

    // ---------------------------------------------------------------- stdio

    @Override
    public OutputStream openStdin(String id) {
        checkId(id);
        Path socket = socketDir.resolve(id).resolve("attach");
        // conmon may set its attach socket up a moment after the container process exists: a
        // missing or not yet listening socket is retried briefly rather than losing stdin.
        long deadline = System.nanoTime() + ATTACH_SOCKET_WAIT.toNanos();
        while (true) {
            try {
                return new AttachStdin(SeqPacketSocket.connect(socket), hasTerminal(id));
            } catch (berth.sys.ErrnoException e) {
                boolean notYet = e.errno() == berth.sys.ErrnoException.ENOENT
                        || e.errno() == berth.sys.ErrnoException.ECONNREFUSED;
                if (!notYet || System.nanoTime() > deadline) {
                    throw new BerthException(ErrorKind.CONFLICT, "cannot attach to the stdin of container " + id
                            + " (is it running with stdin open?): " + e.getMessage(), e);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw BerthException.internal("interrupted while attaching to " + id, ie);
                }
            } catch (IOException e) {
                throw new BerthException(ErrorKind.CONFLICT, "cannot attach to the stdin of container " + id
                        + " (is it running with stdin open?): " + e.getMessage(), e);
            }
        }
    }

    /** Through conmon's control FIFO in the bundle; conmon sets the size on the terminal's master. */
    @Override
    public void resize(String id, int height, int width) {
        checkId(id);
        Path bundle = bundles.get(id);
        if (bundle == null && state(id) instanceof RuntimeState.Running) {
            bundle = bundles.get(id);
        }
        if (bundle == null || exits.read(id).isPresent()) {
            throw BerthException.conflict("Container " + id + " is not running");
        }
        ConsoleControl.resize(bundle, height, width);
    }

    /** Started here with a TTY, or (after a daemon restart) a bundle whose process asks for a terminal. */
    private boolean hasTerminal(String id) {
        if (terminals.contains(id)) {
            return true;
        }
        Path bundle = bundles.get(id);
        try {
            return bundle != null && mapper.readTree(bundle.resolve("config.json").toFile())
                    .path("process").path("terminal").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public ExecProcess exec(String id, ExecRequest request) {
        checkId(id);
        Path bundle = bundles.get(id);
        if (bundle == null && state(id) instanceof RuntimeState.Running) {
            bundle = bundles.get(id); // runc state told us where it is (after a daemon restart)
        }
        if (bundle == null || exits.read(id).isPresent()) {
            throw BerthException.conflict("Container " + id + " is not running");
        }
        try {
            if (request.tty()) {
                return TtyExec.start(conmonBinary, runtimeBinary, runtimeRoot, socketDir, id, bundle, request, mapper,
                        watcher);
            }
            Optional<ExecProcess> viaAgent = agents.tryStart(id, bundle, request);
            if (viaAgent.isPresent()) {
                return viaAgent.get();
            }
            return RuncExec.start(runtimeBinary, runtimeRoot, id, bundle, request, mapper);
        } catch (IOException e) {
            throw BerthException.internal("cannot exec in container " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public LogSource readLog(Path logPath, LogOptions options, CompletableFuture<?> exited) {
        return new K8sFileLogSource(logPath, options, exited, watcher);
    }

    @Override
    public berth.logs.LogSpool openSpool(String id, Path logPath) throws IOException {
        return openSpool(id, logPath, K8sFileSpool.DEFAULT_ROTATE_BYTES);
    }

    /** The spool rotated once the reader is {@code rotateBytes} into the file conmon writes (tests use small files). */
    berth.logs.LogSpool openSpool(String id, Path logPath, long rotateBytes) throws IOException {
        checkId(id);
        if (!bundles.containsKey(id)) {
            state(id); // after a daemon restart, runc's state says where the bundle (and conmon's ctl FIFO) is
        }
        return new K8sFileSpool(logPath, () -> controlFifo(id), watcher, rotateBytes);
    }

    /** conmon's ctl FIFO while conmon runs; null once the container has exited (nothing left to rotate). */
    private Path controlFifo(String id) {
        Path bundle = bundles.get(id);
        return bundle == null || exits.read(id).isPresent() ? null : bundle.resolve(ConsoleControl.FIFO);
    }

    @Override
    public void close() {
        agents.close();
        exits.close();
        watcher.close();
    }

    // ---------------------------------------------------------------- runtime CLI

    record RunResult(int exitCode, String output) {}

    private RunResult runtime(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(runtimeBinary.toString());
        argv.add("--root");
        argv.add(runtimeRoot.toString());
        argv.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            int code = waitUninterruptibly(p);
            return new RunResult(code, new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw BerthException.internal("cannot run " + runtimeBinary + " " + args[0] + ": " + e.getMessage(), e);
        }
    }

    private void runtimeQuietly(String... args) {
        try {
            runtime(args);
        } catch (BerthException e) {
            // best-effort cleanup after a failure that is already being reported
        }
    }

    private static int waitUninterruptibly(Process p) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return p.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static String checkId(String id) {
        if (id == null || !CONTAINER_ID.matcher(id).matches()) {
            throw BerthException.invalid("invalid container id \"" + id + "\": use letters, digits, '_', '.', '-' (at most 128)");
        }
        return id;
    }
}

package berth.runtime.runc;

import berth.errors.BerthException;
import berth.logs.LogEntry;
import berth.logs.LogOptions;
import berth.logs.LogSource;
import berth.runtime.ExecProcess;
import berth.runtime.ExecRequest;
import berth.store.FileTrees;
import berth.sys.ErrnoException;
import berth.sys.SeqPacketSocket;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An exec with a TTY, run under its own conmon in exec mode. runc hands a terminal's master only to
 * a console socket, and only when it detaches ({@code runc exec -d}), which would leave the daemon
 * without the process's exit code; conmon receives the master, stays the process's parent and writes
 * the exit code, exactly as it does for a container. So the exec looks like a small container: a
 * session directory with the k8s-file log (its output), the attach socket (its stdin), the ctl FIFO
 * (resizes) and an exit directory, and it keeps running if the daemon restarts.
 *
 * <p>conmon names the exit file after the container ID, so each session has an exit directory of
 * its own. When runc cannot start the command, conmon exits without an exit file and runc's JSON
 * log says why: 127 or 126 as for a plain exec.
 */
final class TtyExec implements ExecProcess {
    private static final long LIVENESS_CHECK_MILLIS = 100;
    private static final long ATTACH_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final String EXIT_DIR = "exit";

    private final String containerId;
    private final Path session;
    private final Path socketLink;
    private final boolean openStdin;
    private final long conmonPid;
    private final ObjectMapper mapper;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final LogSource log;
    /** The session's files go once the process has exited and its output has been read (or dropped). */
    private final AtomicInteger cleanupVotes = new AtomicInteger(2);
    /** runc's reason for not running the command; shown at the end of the output, as on a terminal. */
    private volatile String runtimeError;

    private TtyExec(String containerId, Path session, Path socketLink, boolean openStdin, long conmonPid,
                    ObjectMapper mapper, DirectoryWatcher watcher) {
        this.containerId = containerId;
        this.session = session;
        this.socketLink = socketLink;
        this.openStdin = openStdin;
        this.conmonPid = conmonPid;
        this.mapper = mapper;
        LogOptions all = new LogOptions(true, true, true, OptionalInt.empty(), Optional.empty(), Optional.empty());
        this.log = new K8sFileLogSource(session.resolve("log"), all, exit, watcher);
        exit.whenComplete((code, err) -> voteCleanup());
    }

    /**
     * Starts {@code req} (which has {@code tty}) in container {@code id}. The session directory is
     * created under {@code bundle}; conmon's socket link goes into {@code socketDir}.
     */
    static TtyExec start(Path conmonBinary, Path runtimeBinary, Path runtimeRoot, Path socketDir, String id,
                         Path bundle, ExecRequest req, ObjectMapper mapper, DirectoryWatcher watcher)
            throws IOException {
        ObjectNode process = RuncExec.processSpec(bundle, req, mapper);
        String tag = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        Path session = bundle.resolve("exec-" + tag);
        Files.createDirectories(session.resolve(EXIT_DIR));
        Path spec = session.resolve("process.json");
        Files.write(spec, mapper.writeValueAsBytes(process));
        Files.createFile(session.resolve("log"));
        List<String> argv = new ArrayList<>(List.of(conmonBinary.toString(), "--api-version", "1",
                "-c", id, "-u", tag, "-r", runtimeBinary.toString(), "-b", session.toString(),
                "-p", session.resolve("pid").toString(), "-n", id,
                "--exit-dir", session.resolve(EXIT_DIR).toString(), "--socket-dir-path", socketDir.toString(),
                "-l", "k8s-file:" + session.resolve("log"), "--conmon-pidfile", session.resolve("conmon.pid").toString(),
                "--log-level", "error", "--exec", "--exec-process-spec", spec.toString(), "-t",
                // a client that goes away must not end the shell's input: `docker exec -it` detaches
                "--leave-stdin-open"));
        if (req.openStdin()) {
            argv.add("-i");
        }
        for (String arg : List.of("--root", runtimeRoot.toString(), "--log", session.resolve("runc.log").toString(),
                "--log-format", "json")) {
            argv.add("--runtime-arg");
            argv.add(arg);
        }
        Path out = session.resolve("conmon.out");
        Process conmon = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectErrorStream(true)
                .start();
        int parentExit;
        try {
            parentExit = conmon.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            conmon.destroyForcibly();
            throw BerthException.internal("interrupted while starting an exec in " + id, e);
        }
        Path pidfile = session.resolve("conmon.pid");
        if (parentExit != 0 || !Files.exists(pidfile)) {
            String why = Files.exists(out) ? Files.readString(out).strip() : "";
            FileTrees.deleteRecursively(session);
            throw BerthException.internal("conmon failed to start an exec in container " + id + " (exit "
                    + parentExit + "): " + why, null);
        }
        long pid = Long.parseLong(Files.readString(pidfile).strip());
        TtyExec exec = new TtyExec(id, session, socketDir.resolve(tag), req.openStdin(), pid, mapper, watcher);
        exec.watchExit(watcher);
        return exec;
    }

    /** Waits (on inotify, with a liveness check of conmon) for the exit file or for conmon to die without one. */
    private void watchExit(DirectoryWatcher watcher) throws IOException {
        Semaphore changed = new Semaphore(0);
        DirectoryWatcher.Subscription sub = watcher.subscribe(session.resolve(EXIT_DIR), f -> changed.release());
        Thread.ofVirtual().name("tty-exec-exit").start(() -> {
            try (sub) {
                while (true) {
                    OptionalInt code = readExitFile();
                    if (code.isPresent()) {
                        exit.complete(code.getAsInt());
                        return;
                    }
                    if (!RuncRuntime.isAlive(conmonPid)) {
                        code = readExitFile(); // written just before conmon exited
                        String error = RuncExec.runtimeError(session.resolve("runc.log"), mapper);
                        runtimeError = code.isPresent() ? null : error;
                        exit.complete(code.isPresent() ? code.getAsInt()
                                : error != null ? RuncExec.exitCodeFor(error) : 255);
                        return;
                    }
                    changed.tryAcquire(LIVENESS_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                    changed.drainPermits();
                }
            } catch (InterruptedException e) {
                exit.complete(255);
            }
        });
    }

    private OptionalInt readExitFile() {
        try {
            Path f = session.resolve(EXIT_DIR).resolve(containerId);
            if (!Files.exists(f)) {
                return OptionalInt.empty();
            }
            String s = Files.readString(f).strip();
            return s.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(s));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private void voteCleanup() {
        if (cleanupVotes.decrementAndGet() == 0) {
            try {
                Files.deleteIfExists(socketLink);
                FileTrees.deleteRecursively(session);
            } catch (IOException ignored) {
                // leftovers in the bundle go with the container
            }
        }
    }

    @Override
    public int pid() {
        try {
            String s = Files.readString(session.resolve("pid")).strip();
            return s.isEmpty() ? 0 : Integer.parseInt(s);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** The terminal's output, read from the session log as conmon writes it; ends after the exit. */
    @Override
    public InputStream stdout() {
        return new InputStream() {
            private byte[] chunk = new byte[0];
            private int pos;
            private boolean closed;
            private boolean errorShown;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (pos == chunk.length) {
                    Optional<LogEntry> e;
                    try {
                        e = closed ? Optional.empty() : log.next();
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while reading exec output", ex);
                    }
                    if (e.isEmpty()) {
                        String error = runtimeError;
                        if (error == null || errorShown || closed) {
                            return -1;
                        }
                        errorShown = true;
                        chunk = ("OCI runtime exec failed: " + error + "\r\n").getBytes(StandardCharsets.UTF_8);
                        pos = 0;
                        continue;
                    }
                    chunk = e.get().data();
                    pos = 0;
                }
                int n = Math.min(len, chunk.length - pos);
                System.arraycopy(chunk, pos, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    log.close();
                    voteCleanup();
                }
            }
        };
    }

    /** A terminal has one output stream: everything arrives on stdout. */
    @Override
    public InputStream stderr() {
        return InputStream.nullInputStream();
    }

    @Override
    public OutputStream stdin() {
        if (!openStdin) {
            return OutputStream.nullOutputStream();
        }
        Path socket = session.resolve("attach");
        long deadline = System.nanoTime() + ATTACH_WAIT_NANOS;
        while (true) {
            try {
                return new AttachStdin(SeqPacketSocket.connect(socket), true);
            } catch (ErrnoException e) {
                boolean notYet = e.errno() == ErrnoException.ENOENT || e.errno() == ErrnoException.ECONNREFUSED;
                if (exit.isDone()) {
                    // the command never ran (or already ended): its exit code tells the client why
                    return OutputStream.nullOutputStream();
                }
                if (!notYet || System.nanoTime() > deadline) {
                    throw new BerthException(berth.errors.ErrorKind.CONFLICT,
                            "cannot attach to the stdin of the exec in " + containerId + ": " + e.getMessage(), e);
                }
                sleepBriefly();
            } catch (IOException e) {
                throw new BerthException(berth.errors.ErrorKind.CONFLICT,
                        "cannot attach to the stdin of the exec in " + containerId + ": " + e.getMessage(), e);
            }
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw BerthException.internal("interrupted while attaching to an exec", ie);
        }
    }

    @Override
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    /**
     * Through conmon's control FIFO; a resize after the exit is harmless and ignored. conmon's first
     * process returns before the one that stays has made the FIFO, so a resize right after the start
     * (the CLI sends one at once) waits for it.
     */
    @Override
    public void resize(int height, int width) {
        Path ctl = session.resolve(ConsoleControl.FIFO);
        long deadline = System.nanoTime() + ATTACH_WAIT_NANOS;
        while (!Files.exists(ctl) && !exit.isDone() && System.nanoTime() < deadline) {
            sleepBriefly();
        }
        if (exit.isDone()) {
            return;
        }
        ConsoleControl.resize(session, height, width);
    }
}

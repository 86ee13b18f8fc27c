package berth.runtime.runc;

import berth.runtime.ExecProcess;
import berth.sys.Fds;
import berth.sys.FdPassingSocket;
import berth.sys.PipeStreams;
import berth.sys.PosixSpawn;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The exec agent of one running container, and the daemon's end of its control socket.
 *
 * <p>Launched with {@code runc exec -d} of the sealed agent binary (descriptor 3) and the socket's
 * other end (descriptor 4), with the container's own process spec as root, so the agent and all it
 * forks carry the container's full isolation. One platform thread per agent reads its replies (a
 * blocked native receive would hold a virtual thread's carrier). Requests are answered in order of
 * fork, so {@link #start} waits for STARTED (or REFUSED) before it hands the process out; exits
 * arrive whenever the processes end.
 *
 * <p>The agent is untrusted: a malformed reply closes the socket (the agent then exits) and fails the
 * agent; a reply for an unknown request is ignored; pids it names are resolved only among its own
 * children.
 */
final class ExecAgent implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ExecAgent.class.getName());
    private static final long START_TIMEOUT_SECONDS = 30;
    private static final long FORK_TIMEOUT_SECONDS = 10;
    /** Exit code of execs whose agent vanished before reporting: what runc reports for a SIGKILLed process. */
    static final int LOST_EXIT_CODE = 137;

    private final String id;
    private final FdPassingSocket socket;
    private final Object sendLock = new Object();
    private final AtomicInteger nextSeq = new AtomicInteger();
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Path pidFile;
    private volatile int hostPid;

    /** An exec the agent was asked for: answered once with STARTED or REFUSED, then EXITED. */
    private static final class Pending {
        final CompletableFuture<Integer> started = new CompletableFuture<>();
        final CompletableFuture<Integer> exit = new CompletableFuture<>();
    }

    private ExecAgent(String id, FdPassingSocket socket, Path pidFile) {
        this.id = id;
        this.socket = socket;
        this.pidFile = pidFile;
    }

    /**
     * Starts the agent in container {@code id} and waits until it said hello. Throws IOException
     * with runc's reason when it cannot start (no /proc in the container, a seccomp profile that
     * forbids what it needs, ...): the caller falls back to {@code runc exec}.
     */
    static ExecAgent launch(Path runtimeBinary, Path runtimeRoot, String id, Path bundle, int agentMemFd,
                            ObjectMapper mapper) throws IOException {
        ObjectNode process = RuncExec.processSpec(bundle,
                new berth.runtime.ExecRequest(List.of("/proc/self/fd/3"), List.of(), "0:0", "/", false), mapper);
        Path spec = bundle.resolve("agent.json");
        Path log = bundle.resolve("agent.log");
        Path pidFile = bundle.resolve("agent.pid");
        Files.write(spec, mapper.writeValueAsBytes(process));
        Files.deleteIfExists(log);
        Files.deleteIfExists(pidFile);
        FdPassingSocket.Pair pair = FdPassingSocket.pair();
        int peer = -1;
        int binary = -1;
        int runcPid;
        try {
            // posix_spawn's dup2 to 3 and 4 must not overwrite a source: keep both above 4
            peer = Fds.dupAtLeast(pair.peerFd(), 5);
            binary = Fds.dupAtLeast(agentMemFd, 5);
            runcPid = PosixSpawn.spawn(List.of(runtimeBinary.toString(), "--root", runtimeRoot.toString(),
                            "--log", log.toString(), "--log-format", "json", "exec", "-d", "--preserve-fds", "2",
                            "--process", spec.toString(), "--pid-file", pidFile.toString(), id),
                    List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), binary, peer);
        } catch (IOException | RuntimeException e) {
            pair.local().close();
            throw e;
        } finally {
            Fds.closeQuietly(pair.peerFd());
            Fds.closeQuietly(peer);
            Fds.closeQuietly(binary);
        }
        ExecAgent agent = new ExecAgent(id, pair.local(), pidFile);
        Thread.ofPlatform().daemon().name("exec-agent-" + id.substring(0, Math.min(12, id.length())))
                .start(() -> agent.run(runcPid, log, spec, mapper));
        try {
            agent.ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return agent;
        } catch (ExecutionException e) {
            agent.close();
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            agent.close();
            throw new IOException("exec agent of " + id + " did not start within " + START_TIMEOUT_SECONDS + "s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            agent.close();
            throw new IOException("interrupted while starting the exec agent of " + id, e);
        }
    }

    /** The reader: hello (or runc's failure), then replies until the agent or this end goes away. */
    private void run(int runcPid, Path log, Path spec, ObjectMapper mapper) {
        byte[] buf = new byte[AgentProtocol.REPLY_SIZE * 4];
        try {
            int n = socket.receive(buf);
            int runcStatus = PosixSpawn.waitFor(runcPid);
            Files.deleteIfExists(spec);
            if (n < 0 || PosixSpawn.exitCode(runcStatus) != 0) {
                String why = RuncExec.runtimeError(log, mapper);
                ready.completeExceptionally(new IOException("runc could not start the exec agent in " + id
                        + " (exit " + PosixSpawn.exitCode(runcStatus) + ")" + (why == null ? "" : ": " + why)));
                return;
            }
            if (!(AgentProtocol.decode(buf, n) instanceof AgentProtocol.Hello)) {
                throw new IOException("exec agent of " + id + " did not begin with hello");
            }
            hostPid = readPid(pidFile);
            ready.complete(null);
            while ((n = socket.receive(buf)) >= 0) {
                dispatch(AgentProtocol.decode(buf, n));
            }
        } catch (IOException | RuntimeException e) {
            if (socket.isOpen()) {
                LOG.log(System.Logger.Level.WARNING, "exec agent of " + id + " failed; execs use runc exec: "
                        + e.getMessage());
            }
            ready.completeExceptionally(e);
        } finally {
            close();
        }
    }

    private void dispatch(AgentProtocol.Reply reply) {
        Pending p = pending.get(reply.seq());
        if (p == null) {
            return; // nothing asked under that number: ignore rather than trust
        }
        switch (reply) {
            case AgentProtocol.Started s -> p.started.complete(s.pid());
            case AgentProtocol.Refused r -> {
                pending.remove(r.seq());
                p.started.completeExceptionally(new IOException("exec agent of " + id + " refused the request"));
            }
            case AgentProtocol.Exited x -> {
                if (p.started.isDone()) {
                    pending.remove(x.seq());
                    p.exit.complete(x.exitCode());
                }
            }
            case AgentProtocol.Hello h -> {
                // a second hello means nothing
            }
        }
    }

    boolean isOpen() {
        return socket.isOpen();
    }

    /** The agent's pid on the host (0 until known), so that {@code top} can leave it out. */
    int hostPid() {
        return hostPid;
    }

    /**
     * Starts one process through the agent. Throws IOException when the agent did not take it (the
     * request is too large, the agent is gone or refused): nothing ran, so {@code runc exec} may.
     */
    ExecProcess start(ResolvedUser user, String cwd, List<String> argv, List<String> env, boolean openStdin)
            throws IOException {
        int seq = nextSeq.incrementAndGet();
        byte[] request = AgentProtocol.encode(new AgentProtocol.Request(seq, user.uid(), user.gid(),
                user.additionalGids(), cwd, argv, env));
        if (request == null) {
            throw new IOException("exec request does not fit the exec agent's limits");
        }
        int[] childFds = {-1, -1, -1};
        OutputStream stdin = null;
        InputStream stdout = null;
        InputStream stderr = null;
        Pending p = new Pending();
        try {
            if (openStdin) {
                int[] in = Fds.pipe();
                childFds[0] = in[0];
                stdin = PipeStreams.output(in[1]);
            } else {
                // as under runc exec: a pipe that is at end of file from the start
                int[] in = Fds.pipe();
                childFds[0] = in[0];
                Fds.closeQuietly(in[1]);
            }
            int[] out = Fds.pipe();
            childFds[1] = out[1];
            stdout = PipeStreams.input(out[0]);
            int[] err = Fds.pipe();
            childFds[2] = err[1];
            stderr = PipeStreams.input(err[0]);
            pending.put(seq, p);
            synchronized (sendLock) {
                if (!socket.isOpen()) {
                    throw new IOException("exec agent of " + id + " is gone");
                }
                socket.send(request, childFds);
            }
        } catch (IOException | RuntimeException e) {
            pending.remove(seq);
            closeQuietly(stdin);
            closeQuietly(stdout);
            closeQuietly(stderr);
            throw e;
        } finally {
            for (int fd : childFds) {
                Fds.closeQuietly(fd);
            }
        }
        int nsPid;
        try {
            nsPid = p.started.get(FORK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            pending.remove(seq);
            closeQuietly(stdin);
            closeQuietly(stdout);
            closeQuietly(stderr);
            if (e instanceof TimeoutException) {
                close(); // an agent that does not answer is broken; the next exec starts another
            }
            throw new IOException("exec agent of " + id + " did not start the process: " + e, e);
        }
        return new AgentExec(hostPid, nsPid, stdin == null ? closedStream() : stdin, stdout, stderr, p.exit);
    }

    @Override
    public void close() {
        synchronized (sendLock) {
            socket.close();
        }
        for (Integer seq : List.copyOf(pending.keySet())) {
            Pending p = pending.remove(seq);
            if (p != null) {
                p.started.completeExceptionally(new IOException("exec agent of " + id + " is gone"));
                p.exit.complete(LOST_EXIT_CODE);
            }
        }
    }

    private static int readPid(Path file) {
        try {
            String s = Files.readString(file).strip();
            return s.isEmpty() ? 0 : Integer.parseInt(s);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static OutputStream closedStream() {
        OutputStream s = OutputStream.nullOutputStream();
        closeQuietly(s);
        return s;
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }
}

package berth.it;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Starts a real berth daemon through the launcher ({@code bin/berth daemon}) on a temporary socket,
 * data root and exec root, and stops it by its pid. The exec root is short (under /run) because
 * socket paths beneath it must fit in 108 bytes.
 */
public final class DaemonHarness implements AutoCloseable {
    private final Path repo;
    private final Path dataRoot;
    private final Path execRoot;
    private final Path socket;
    private final Path logFile;
    private Process process;
    private final String tag;
    private java.util.Optional<String> crashAt = java.util.Optional.empty();

    private DaemonHarness(Path repo, Path dataRoot, Path execRoot, String tag) {
        this.tag = tag;
        this.repo = repo;
        this.dataRoot = dataRoot;
        this.execRoot = execRoot;
        this.socket = execRoot.resolve("berth.sock");
        this.logFile = dataRoot.resolveSibling(dataRoot.getFileName() + ".log");
    }

    /** A daemon on fresh, empty directories. */
    public static DaemonHarness start() throws IOException, InterruptedException {
        return start(List.of());
    }

    /** A daemon on fresh, empty directories, with these flags added (e.g. {@code --log-driver local}). */
    public static DaemonHarness start(List<String> extraArgs) throws IOException, InterruptedException {
        String tag = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        Path data = Files.createTempDirectory("berth-it-");
        DaemonHarness h = new DaemonHarness(repoRoot(), data, Path.of("/run/bt-" + tag), tag);
        h.extraArgs = List.copyOf(extraArgs);
        try {
            h.launch();
        } catch (IOException | RuntimeException e) {
            try {
                h.close();
            } catch (Exception ignored) {
                // the launch failure is what the caller needs to see
            }
            throw e;
        }
        return h;
    }

    private List<String> extraArgs = List.of();

    /** The repository root: where bin/berth is. */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("bin/berth"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find bin/berth above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** (Re)starts the daemon on the same directories, as after a crash or a restart. */
    public void launch() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(repo.resolve("bin/berth").toString(), "daemon",
                "-H", "unix://" + socket, "--data-root", dataRoot.toString(), "--exec-root", execRoot.toString(),
                "--pidfile", execRoot.resolve("berth.pid").toString(), "--log-level", "debug",
                // several test daemons share the host: each has its own bridge and iptables chains
                "--bridge", bridge(), "--iptables-chains", chainPrefix()));
        cmd.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        crashAt.ifPresentOrElse(point -> pb.environment().put("BERTH_CRASH_AT", point),
                () -> pb.environment().remove("BERTH_CRASH_AT"));
        process = pb
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("daemon exited with " + process.exitValue() + ":\n" + log());
            }
            if (pingOk()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("daemon did not answer /_ping within 30s:\n" + log());
    }

    /** The default bridge's Linux bridge of this daemon. */
    public String bridge() {
        return "bt-" + tag;
    }

    /** The prefix of this daemon's iptables chains. */
    public String chainPrefix() {
        return "BT" + tag.toUpperCase(java.util.Locale.ROOT);
    }

    /** The next {@link #launch} runs with {@code BERTH_CRASH_AT=point} (empty: without). */
    public void crashAt(java.util.Optional<String> point) {
        this.crashAt = point;
    }

    /** Waits for the daemon process to end by itself (a crash point), up to {@code seconds}. */
    public boolean awaitExit(int seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    public String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private boolean pingOk() {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap("GET /_ping HTTP/1.1\r\nHost: berth\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(512);
            ch.read(buf);
            return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }

    public Path socket() {
        return socket;
    }

    public String host() {
        return "unix://" + socket;
    }

    public Path dataRoot() {
        return dataRoot;
    }

    public Path execRoot() {
        return execRoot;
    }

    public long pid() {
        return process.pid();
    }

    /** The java process behind the launcher (the launcher execs it, so they are the same). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Stops the daemon by its pid: SIGTERM, then SIGKILL after 15 s. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }

    /** kill -9 of the daemon, to test that a crash loses nothing. */
    public void crash() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Removes what the daemon made: containers first (through the API), then its directories. */
    @Override
    public void close() throws Exception {
        try {
            if (process != null && process.isAlive()) {
                Docker docker = new Docker(this);
                Docker.Result ids = docker.run("ps", "-aq");
                for (String id : ids.stdout().split("\\s+")) {
                    if (!id.isBlank()) {
                        docker.run("rm", "-f", id);
                    }
                }
            }
        } finally {
            stop();
            NetworkLeftovers.remove(dataRoot, chainPrefix());
            unmountUnder(execRoot);
            deleteTree(execRoot);
            deleteTree(dataRoot);
            // The daemon's log stays beside the test reports (target*/ is ignored by git) for post-mortems.
            Path keep = Path.of("target-daemon-logs");
            Files.createDirectories(keep);
            Files.move(logFile, keep.resolve(execRoot.getFileName() + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void unmountUnder(Path root) throws IOException, InterruptedException {
        List<String> mounts = Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .map(l -> l.split(" ")[1])
                .filter(m -> m.startsWith(root.toString()))
                .sorted((a, b) -> b.length() - a.length())
                .toList();
        for (String m : mounts) {
            new ProcessBuilder("umount", "-l", m).inheritIO().start().waitFor();
        }
    }

    static void deleteTree(Path p) throws IOException, InterruptedException {
        if (Files.exists(p)) {
            new ProcessBuilder("rm", "-rf", "--one-file-system", p.toString()).inheritIO().start().waitFor();
        }
    }
}

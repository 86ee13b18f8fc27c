package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TTYs through the real docker CLI, driven on a pseudo-terminal made by util-linux {@code script}:
 * {@code run -it} and {@code exec -it} get a terminal of the client's size, output comes back raw,
 * the detach keys leave the container running and {@code docker attach} gets back in.
 */
@ExtendWith(SharedDaemon.class)
class TtyTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CTRL_P_CTRL_Q = "\u0010\u0011";

    private DaemonHarness daemon;
    private Docker docker;
    private final List<String> containers = new ArrayList<>();
    private final List<Terminal> terminals = new ArrayList<>();

    @BeforeEach
    void setUp(DaemonHarness daemon) {
        this.daemon = daemon;
        this.docker = new Docker(daemon);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Terminal t : terminals) {
            t.close();
        }
        for (String c : containers) {
            docker.run("rm", "-f", c);
        }
    }

    private String name(String base) {
        String n = "it-tty-" + base + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        containers.add(n);
        return n;
    }

    /** The docker CLI on a terminal of {@code rows}×{@code cols}. */
    private Terminal terminal(int rows, int cols, String dockerArgs) throws IOException {
        String cmd = "stty rows " + rows + " cols " + cols + "; exec " + Docker.DOCKER + " -H " + daemon.host() + " "
                + dockerArgs;
        Terminal t = Terminal.start(cmd);
        terminals.add(t);
        return t;
    }

    @Test
    void runIt_givesTheShellATerminalOfTheClientsSizeAndItsExitCode() throws Exception {
        Terminal t = terminal(40, 120, "run -it --rm busybox sh");
        t.waitFor("# ");
        t.type("tty; stty size; exit 3\r");
        assertThat(t.waitExit()).as(t.output()).isEqualTo(3);
        assertThat(t.output()).contains("/dev/pts/0").contains("40 120");
    }

    @Test
    void runIt_commandSeesTheClientsSizeFromItsFirstInstruction() throws Exception {
        // ConsoleSize of the create request: no resize can come before stty runs
        Terminal t = terminal(45, 132, "run -it --rm busybox stty size");
        assertThat(t.waitExit()).as(t.output()).isZero();
        assertThat(t.output()).contains("45 132");
    }

    @Test
    void serverDetachesARawTtyAttachOnItsDetachKeys() throws Exception {
        String c = name("raw-detach");
        assertThat(docker.run("run", "-d", "-it", "--name", c, "busybox", "sh").exitCode()).isZero();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(daemon.socket()));
            String req = "POST /v1.41/containers/" + c + "/attach?stream=1&stdin=1&stdout=1&stderr=1&detachKeys=ctrl-a,x"
                    + " HTTP/1.1\r\nHost: berth\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n";
            ch.write(ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII)));
            String head = readUntil(ch, "\r\n\r\n");
            assertThat(head).startsWith("HTTP/1.1 101");
            ch.write(ByteBuffer.wrap("echo raw-$((6*7))\r".getBytes(StandardCharsets.US_ASCII)));
            readUntil(ch, "raw-42");
            // ctrl-a alone is passed on (it is not the whole sequence); ctrl-a x detaches
            ch.write(ByteBuffer.wrap(new byte[] {0x01, 'x'}));
            long deadline = System.nanoTime() + WAIT.toNanos();
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (ch.read(buf) >= 0) {
                buf.clear();
                assertThat(System.nanoTime()).as("the server ends the session").isLessThan(deadline);
            }
        }
        assertThat(docker.run("inspect", "-f", "{{.State.Running}}", c).out()).isEqualTo("true");
    }

    /** A hijacked (101 Upgraded) connection for a POST of {@code body} to {@code path}. */
    private SocketChannel hijack(String path, String body) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(daemon.socket()));
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String req = "POST " + path + " HTTP/1.1\r\nHost: berth\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + b.length + "\r\n\r\n" + body;
        ch.write(ByteBuffer.wrap(req.getBytes(StandardCharsets.UTF_8)));
        assertThat(readUntil(ch, "\r\n\r\n")).startsWith("HTTP/1.1 101");
        return ch;
    }

    private static String readUntil(SocketChannel ch, String text) throws IOException {
        StringBuilder seen = new StringBuilder();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (!seen.toString().contains(text)) {
            buf.clear();
            if (ch.read(buf) < 0) {
                throw new AssertionError("connection closed before \"" + text + "\": " + seen);
            }
            seen.append(new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1));
        }
        return seen.toString();
    }

    @Test
    void execIt_givesTheCommandATerminalAndResizeReachesIt() throws Exception {
        String c = name("exec");
        assertThat(docker.run("run", "-d", "--name", c, "busybox", "sleep", "600").exitCode()).isZero();
        // the exec start's ConsoleSize: the size is right before any resize
        Terminal first = terminal(33, 77, "exec -it " + c + " sh -c 'tty; stty size; exit 5'");
        assertThat(first.waitExit()).as(first.output()).isEqualTo(5);
        assertThat(first.output()).contains("/dev/pts/").contains("33 77");
        // and a resize reaches the running exec (the CLI sends one when its terminal changes)
        RawHttp.Response created = RawHttp.send(daemon.socket(), "POST", "/v1.41/containers/" + c + "/exec",
                "{\"Tty\":true,\"AttachStdin\":true,\"AttachStdout\":true,\"Cmd\":[\"sh\",\"-c\",\"read x; stty size\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String execId = created.body().replaceAll(".*\"Id\":\"([0-9a-f]+)\".*", "$1").strip();
        try (SocketChannel ch = hijack("/v1.41/exec/" + execId + "/start", "{\"Tty\":true}")) {
            RawHttp.Response resized = RawHttp.send(daemon.socket(), "POST",
                    "/v1.41/exec/" + execId + "/resize?h=21&w=42", null);
            assertThat(resized.status()).as(resized.body()).isEqualTo(200);
            ch.write(ByteBuffer.wrap("\r".getBytes(StandardCharsets.US_ASCII)));
            assertThat(readUntil(ch, "21 42")).doesNotContain("\u0001\u0000\u0000\u0000"); // raw, not framed
        }
        // the exec's exit code is in its inspect (once it has ended), with its TTY
        String execJson = "";
        for (int i = 0; i < 200 && !execJson.contains("\"Running\":false"); i++) {
            if (i > 0) {
                Thread.sleep(100);
            }
            execJson = RawHttp.send(daemon.socket(), "GET", "/v1.41/exec/" + execId + "/json", null).body();
        }
        assertThat(execJson).contains("\"Running\":false", "\"ExitCode\":0", "\"tty\":true");
        // and a TTY exec without -i still runs
        Docker.Result noStdin = docker.run("exec", "-t", c, "sh", "-c", "test -t 1 && echo on-a-tty");
        assertThat(noStdin.exitCode()).as(noStdin.toString()).isZero();
        assertThat(noStdin.stdout()).isEqualTo("on-a-tty\r\n");
        // a command that cannot run: Docker's exit codes, and the reason on the terminal
        Terminal missing = terminal(24, 80, "exec -it " + c + " no-such-command");
        assertThat(missing.waitExit()).as(missing.output()).isEqualTo(127);
        assertThat(missing.output()).contains("executable file not found");
    }

    @Test
    void detachKeys_leaveTheContainerRunningAndAttachGetsBackIn() throws Exception {
        String c = name("detach");
        Terminal run = terminal(24, 80, "run -it --name " + c + " busybox sh");
        run.waitFor("# ");
        run.type("echo before-detach\r");
        run.waitFor("before-detach\r\n");
        run.type(CTRL_P_CTRL_Q);
        assertThat(run.waitExit()).as(run.output()).isZero();
        assertThat(docker.run("inspect", "-f", "{{.State.Running}}", c).out()).isEqualTo("true");

        Terminal attach = terminal(24, 80, "attach " + c);
        attach.type("echo back-$((40+2))\r");
        attach.waitFor("back-42");
        attach.type("exit 4\r");
        assertThat(attach.waitExit()).as(attach.output()).isEqualTo(4);
        assertThat(docker.run("inspect", "-f", "{{.State.ExitCode}}", c).out()).isEqualTo("4");
    }

    @Test
    void customDetachKeys_detachAndTheDefaultOnesGoToTheProcess() throws Exception {
        String c = name("keys");
        Terminal run = terminal(24, 80, "run -it --detach-keys=ctrl-x --name " + c + " busybox sh");
        run.waitFor("# ");
        run.type(CTRL_P_CTRL_Q + "echo still-$((1+1))\r");
        run.waitFor("still-2");
        run.type("\u0018");
        assertThat(run.waitExit()).as(run.output()).isZero();
        assertThat(docker.run("inspect", "-f", "{{.State.Running}}", c).out()).isEqualTo("true");
    }

    @Test
    void execDetachKeys_detachAndLeaveTheExecRunning() throws Exception {
        String c = name("exec-detach");
        assertThat(docker.run("run", "-d", "--name", c, "busybox", "sleep", "600").exitCode()).isZero();
        Terminal t = terminal(24, 80, "exec -it " + c + " sh -c 'echo started; exec sleep 300'");
        t.waitFor("started");
        t.type(CTRL_P_CTRL_Q);
        // the CLI reports a detached exec as an error of its own, as it does against dockerd
        assertThat(t.waitExit()).as(t.output()).isEqualTo(1);
        assertThat(t.output()).contains("read escape sequence");
        Docker.Result ps = docker.run("exec", c, "ps");
        assertThat(ps.stdout()).contains("sleep 300");
    }

    @Test
    void containerResize_reachesTheTerminal() throws Exception {
        String c = name("resize");
        assertThat(docker.run("run", "-d", "-t", "--name", c, "busybox", "sleep", "600").exitCode()).isZero();
        RawHttp.Response r = RawHttp.send(daemon.socket(), "POST", "/v1.41/containers/" + c + "/resize?h=50&w=60", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Docker.Result size = docker.run("exec", c, "stty", "-F", "/dev/pts/0", "size");
        assertThat(size.stdout()).as(size.toString()).isEqualTo("50 60\n");
        RawHttp.Response noWidth = RawHttp.send(daemon.socket(), "POST", "/v1.41/containers/" + c + "/resize?h=50", null);
        assertThat(noWidth.status()).as(noWidth.body()).isEqualTo(400);
    }

    @Test
    void logsAndAttachOfATtyContainerAreRawAndWithoutATtyMultiplexed() throws Exception {
        String tty = name("raw");
        Docker.Result run = docker.run("run", "-t", "--name", tty, "busybox", "echo", "hi");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEqualTo("hi\r\n");
        RawHttp.Response raw = RawHttp.send(daemon.socket(), "GET", "/v1.41/containers/" + tty + "/logs?stdout=1", null);
        assertThat(raw.body()).isEqualTo("hi\r\n");
        assertThat(docker.run("logs", tty).stdout()).isEqualTo("hi\r\n");

        String plain = name("mux");
        assertThat(docker.run("run", "--name", plain, "busybox", "echo", "hi").stdout()).isEqualTo("hi\n");
        RawHttp.Response mux = RawHttp.send(daemon.socket(), "GET", "/v1.41/containers/" + plain + "/logs?stdout=1", null);
        assertThat(mux.body()).isEqualTo("\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0003hi\n");
    }

    @Test
    void badDetachKeys_are400() throws Exception {
        String c = name("badkeys");
        assertThat(docker.run("run", "-d", "-it", "--name", c, "busybox", "sh").exitCode()).isZero();
        RawHttp.Response attach = RawHttp.send(daemon.socket(), "POST",
                "/v1.41/containers/" + c + "/attach?stream=1&stdin=1&stdout=1&detachKeys=ctrl-P", null);
        assertThat(attach.status()).isEqualTo(400);
        assertThat(attach.body()).contains("Invalid detach keys (ctrl-P) provided");
        Docker.Result exec = docker.run("exec", "--detach-keys", "nope", c, "true");
        assertThat(exec.exitCode()).isEqualTo(1);
        assertThat(exec.stderr()).contains("Invalid escape keys (nope) provided");
    }

    @Test
    void privilegedExec_getsTheDaemonsWholeBoundingSet() throws Exception {
        String c = name("priv");
        assertThat(docker.run("run", "-d", "--name", c, "busybox", "sleep", "600").exitCode()).isZero();
        String bounding = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("CapBnd:")).findFirst().orElseThrow().substring(7).strip();
        Docker.Result r = docker.run("exec", "--privileged", c, "grep", "CapEff", "/proc/self/status");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains(bounding);
        Docker.Result plain = docker.run("exec", c, "grep", "CapEff", "/proc/self/status");
        assertThat(plain.stdout()).doesNotContain(bounding);
    }

    @Test
    void ttyContainer_isAttachableAndResizableAfterADaemonCrash() throws Exception {
        try (DaemonHarness own = DaemonHarness.start()) {
            assertThat(Docker.berth(own).run("bootstrap", "busybox").exitCode()).isZero();
            Docker d = new Docker(own);
            try {
                assertThat(d.run("run", "-dit", "--name", "it-tty-restart", "busybox", "sh").exitCode()).isZero();
                own.crash();
                own.launch();
                RawHttp.Response r = RawHttp.send(own.socket(), "POST", "/v1.41/containers/it-tty-restart/resize?h=31&w=91", null);
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                Terminal t = Terminal.start("stty rows 31 cols 91; exec " + Docker.DOCKER + " -H " + own.host()
                        + " attach it-tty-restart");
                terminals.add(t);
                // the CLI resizes to one row and column more and then to its size (to make the shell
                // redraw): wait until the second resize has reached the container's terminal
                d.awaitExecOutput("it-tty-restart", "31 91", "stty", "-F", "/dev/pts/0", "size");
                t.type("stty size\r");
                t.waitFor("31 91");
                t.type(CTRL_P_CTRL_Q);
                // `docker attach` reports a detach as an error of its own (exit 1), as against dockerd
                assertThat(t.waitExit()).as(t.output()).isEqualTo(1);
                assertThat(t.output()).contains("read escape sequence");
                assertThat(d.run("inspect", "-f", "{{.State.Running}}", "it-tty-restart").out()).isEqualTo("true");
            } finally {
                d.run("rm", "-f", "it-tty-restart");
            }
        }
    }

    /** A command on a fresh pseudo-terminal ({@code script -qfec}), with its screen captured. */
    static final class Terminal implements AutoCloseable {
        private final Process process;
        private final OutputStream keys;
        private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
        private final Thread reader;

        private Terminal(Process process) {
            this.process = process;
            this.keys = process.getOutputStream();
            this.reader = Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[4096];
                try (InputStream in = process.getInputStream()) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        synchronized (screen) {
                            screen.write(buf, 0, n);
                            screen.notifyAll();
                        }
                    }
                } catch (IOException ignored) {
                    // the terminal went away
                }
            });
        }

        static Terminal start(String shellCommand) throws IOException {
            ProcessBuilder pb = new ProcessBuilder("script", "-qfec", shellCommand, "/dev/null");
            pb.environment().remove("DOCKER_HOST");
            pb.environment().put("DOCKER_CLI_HINTS", "false");
            pb.redirectErrorStream(true);
            return new Terminal(pb.start());
        }

        void type(String s) throws IOException {
            keys.write(s.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        String output() {
            synchronized (screen) {
                return screen.toString(StandardCharsets.UTF_8);
            }
        }

        void waitFor(String text) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            synchronized (screen) {
                while (!screen.toString(StandardCharsets.UTF_8).contains(text)) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        throw new AssertionError("no \"" + text + "\" on the terminal within " + WAIT + ":\n" + output());
                    }
                    screen.wait(left);
                }
            }
        }

        int waitExit() throws InterruptedException {
            if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the terminal's command did not end within " + WAIT + ":\n" + output());
            }
            // what it printed last may still be in the pipe: read to its end before anyone looks at the screen
            reader.join(WAIT);
            return process.exitValue();
        }

        @Override
        public void close() throws IOException {
            keys.close();
            process.destroyForcibly();
        }
    }
}

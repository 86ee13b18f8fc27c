package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * berth's own CLI: {@code run -it} and {@code exec -it} on a pseudo-terminal (util-linux
 * {@code script}, as {@link TtyTest} drives the docker CLI), attach with detach keys, stop, kill -s,
 * start and the logs options, judged by the container's output and inspect.
 */
@ExtendWith(SharedDaemon.class)
class BerthCliVerbsTest {
    private static final String CTRL_P_CTRL_Q = "\u0010\u0011";

    private DaemonHarness daemon;
    private Docker berth;
    private final List<String> made = new ArrayList<>();
    private final List<TtyTest.Terminal> terminals = new ArrayList<>();

    @BeforeEach
    void setUp(DaemonHarness daemon) {
        this.daemon = daemon;
        this.berth = Docker.berth(daemon);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (TtyTest.Terminal t : terminals) {
            t.close();
        }
        for (String c : made) {
            berth.run("rm", "-f", c);
        }
    }

    private String name(String n) {
        made.add(n);
        return n;
    }

    /** berth's CLI on a terminal of {@code rows}×{@code cols}. */
    private TtyTest.Terminal terminal(int rows, int cols, String berthArgs) throws Exception {
        String cmd = "stty rows " + rows + " cols " + cols + "; exec " + DaemonHarness.repoRoot().resolve("bin/berth")
                + " -H " + daemon.host() + " " + berthArgs;
        TtyTest.Terminal t = TtyTest.Terminal.start(cmd);
        terminals.add(t);
        return t;
    }

    private String inspect(String c, String format) throws Exception {
        Docker.Result r = berth.run("inspect", "-f", format, c);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }

    @Test
    void runIt_givesTheShellATerminalOfTheClientsSizeAndItsExitCode() throws Exception {
        TtyTest.Terminal t = terminal(40, 120, "run -it --rm busybox sh");
        t.waitFor("# ");
        t.type("tty; stty size; exit 3\r");
        assertThat(t.waitExit()).as(t.output()).isEqualTo(3);
        assertThat(t.output()).contains("/dev/pts/0").contains("40 120");
    }

    @Test
    void execIt_givesTheCommandATerminal() throws Exception {
        String c = name("cli-tty-exec");
        assertThat(berth.run("run", "-d", "--name", c, "busybox", "sleep", "300").exitCode()).isZero();
        TtyTest.Terminal t = terminal(33, 99, "exec -it " + c + " sh");
        t.waitFor("# ");
        t.type("tty; stty size; exit 4\r");
        assertThat(t.waitExit()).as(t.output()).isEqualTo(4);
        assertThat(t.output()).contains("/dev/pts/").contains("33 99");
    }

    @Test
    void attach_detachKeysLeaveTheContainerRunning() throws Exception {
        String c = name("cli-tty-attach");
        assertThat(berth.run("run", "-d", "-it", "--name", c, "busybox", "sh").exitCode()).isZero();
        TtyTest.Terminal t = terminal(30, 90, "attach " + c);
        t.type("echo in-$((6*7))\r");
        t.waitFor("in-42");
        t.type(CTRL_P_CTRL_Q);
        t.waitExit();
        assertThat(inspect(c, "{{.State.Running}}")).as(t.output()).isEqualTo("true");

        TtyTest.Terminal custom = terminal(30, 90, "attach --detach-keys ctrl-x " + c);
        custom.type("echo again-$((6*7))\r");
        custom.waitFor("again-42");
        custom.type("\u0018");
        custom.waitExit();
        assertThat(inspect(c, "{{.State.Running}}")).as(custom.output()).isEqualTo("true");
    }

    @Test
    void stopKillAndStart_actOnTheContainer() throws Exception {
        String c = name("cli-verbs");
        String trap = "trap 'echo got USR1; exit 0' USR1; trap 'echo got HUP; exit 0' HUP; echo ready; "
                + "while :; do sleep 0.1; done";
        assertThat(berth.run("run", "-d", "--name", c, "busybox", "sh", "-c", trap).exitCode()).isZero();
        awaitLog(c, "ready\n");
        Docker.Result kill = berth.run("kill", "-s", "USR1", c);
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(berth.run("wait", c).out()).isEqualTo("0");
        assertThat(berth.run("logs", c).stdout()).isEqualTo("ready\ngot USR1\n");

        Docker.Result start = berth.run("start", c);
        assertThat(start.exitCode()).as(start.toString()).isZero();
        assertThat(start.out()).isEqualTo(c);
        assertThat(inspect(c, "{{.State.Running}}")).isEqualTo("true");
        awaitLog(c, "ready\ngot USR1\nready\n");
        Docker.Result stop = berth.run("stop", "-s", "HUP", "-t", "30", c);
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(stop.out()).isEqualTo(c);
        assertThat(inspect(c, "{{.State.Status}} {{.State.ExitCode}}")).isEqualTo("exited 0");
        assertThat(berth.run("logs", c).stdout()).isEqualTo("ready\ngot USR1\nready\ngot HUP\n");

        berth.run("start", c);
        awaitLog(c, "ready\ngot USR1\nready\ngot HUP\nready\n");
        Docker.Result plainStop = berth.run("stop", "-t", "1", c);
        assertThat(plainStop.exitCode()).isZero();
        assertThat(inspect(c, "{{.State.ExitCode}}")).as("TERM is ignored by this shell: KILL after -t").isEqualTo("137");
    }

    @Test
    void logs_sinceUntilTailAndTimestamps() throws Exception {
        String c = name("cli-logs-opts");
        Docker.Result run = berth.run("run", "--name", c, "busybox", "sh", "-c",
                "echo one; sleep 0.1; echo two; sleep 0.1; echo three");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(berth.run("logs", "--tail", "2", c).stdout()).isEqualTo("two\nthree\n");
        assertThat(berth.run("logs", "-n", "0", c).stdout()).isEmpty();
        List<String> stamped = berth.run("logs", "-t", c).stdout().lines().toList();
        assertThat(stamped).hasSize(3);
        List<String> times = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String[] parts = stamped.get(i).split(" ", 2);
            assertThat(parts[0]).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");
            assertThat(parts[1]).isEqualTo(List.of("one", "two", "three").get(i));
            times.add(parts[0]);
        }
        assertThat(berth.run("logs", "--since", times.get(1), c).stdout()).isEqualTo("two\nthree\n");
        assertThat(berth.run("logs", "--until", times.get(1), c).stdout()).isEqualTo("one\ntwo\n");
        assertThat(berth.run("logs", "--until", "2000-01-01T00:00:00Z", c).stdout()).isEmpty();
        assertThat(berth.run("logs", "--since", "10m", "--tail", "1", "-t", c).stdout()).isEqualTo(stamped.get(2) + "\n");
    }

    /** Polls the log until it is {@code wanted}, then asserts it. */
    private void awaitLog(String c, String wanted) throws Exception {
        String log = "";
        for (int i = 0; i < 300 && !log.equals(wanted); i++) {
            if (i > 0) {
                Thread.sleep(100);
            }
            log = berth.run("logs", c).stdout();
        }
        assertThat(log).isEqualTo(wanted);
    }
}

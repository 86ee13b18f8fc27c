package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code docker run} and the simple container verbs, through the real docker CLI. */
@ExtendWith(SharedDaemon.class)
class RunTest {
    private Docker docker;
    private DaemonHarness daemon;

    @BeforeEach
    void setUp(DaemonHarness daemon) {
        this.daemon = daemon;
        this.docker = new Docker(daemon);
    }

    @Test
    void runRm_printsOutputAndRemovesTheContainer() throws Exception {
        Docker.Result r = docker.run("run", "--rm", "--name", "it-rm", "busybox", "echo", "hello");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("hello\n");
        assertThat(docker.run("ps", "-aq", "--filter", "name=it-rm").out()).isEmpty();
    }

    @Test
    void run_returnsTheContainersExitCode() throws Exception {
        Docker.Result r = docker.run("run", "--rm", "busybox", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).contains("err\n");
    }

    @Test
    void run_unknownCommandExits127AndNotExecutable126() throws Exception {
        Docker.Result notFound = docker.run("run", "--rm", "busybox", "nope-not-here");
        assertThat(notFound.exitCode()).as(notFound.toString()).isEqualTo(127);
        assertThat(notFound.stderr()).contains("nope-not-here");
        Docker.Result notExec = docker.run("run", "--rm", "busybox", "/etc");
        assertThat(notExec.exitCode()).as(notExec.toString()).isEqualTo(126);
    }

    @Test
    void run_unknownImageExits125() throws Exception {
        Docker.Result r = docker.run("run", "--rm", "no-such-image:v9", "true");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(125);
        assertThat(r.stderr()).contains("no-such-image:v9");
    }

    @Test
    void runDetached_logsPsAndForceRemove() throws Exception {
        Docker.Result started = docker.run("run", "-d", "--name", "it-detached", "--label", "suite=it", "busybox",
                "sh", "-c", "echo first; echo second; sleep 300");
        assertThat(started.exitCode()).as(started.toString()).isZero();
        String id = started.out();
        assertThat(id).matches("[0-9a-f]{64}");

        Docker.Result logs = awaitLogs("it-detached", "second");
        assertThat(logs.stdout()).isEqualTo("first\nsecond\n");
        assertThat(docker.run("logs", "--tail", "1", "it-detached").stdout()).isEqualTo("second\n");
        assertThat(docker.run("logs", "-t", "it-detached").stdout())
                .matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z first\n.*");

        Docker.Result ps = docker.run("ps", "--filter", "label=suite=it", "--format", "{{.ID}} {{.Names}} {{.Status}}");
        assertThat(ps.out()).startsWith(id.substring(0, 12) + " it-detached Up ");
        assertThat(docker.run("ps", "-q", "--filter", "name=it-detached").out()).isEqualTo(id.substring(0, 12));
        assertThat(docker.run("ps", "-q", "--filter", "status=exited", "--filter", "name=it-detached").out()).isEmpty();
        assertThat(docker.run("ps", "-q", "--filter", "id=" + id.substring(0, 6)).out()).isEqualTo(id.substring(0, 12));
        assertThat(docker.run("ps", "-q", "--filter", "ancestor=busybox", "--filter", "name=it-detached").out())
                .isEqualTo(id.substring(0, 12));
        assertThat(docker.run("ps", "-q", "--filter", "ancestor=no-such-image", "--filter", "name=it-detached").out())
                .isEmpty();
        assertThat(docker.run("ps", "-q", "--filter", "label=suite=other").out()).isEmpty();
        Docker.Result since = docker.run("logs", "--since", "1h", "it-detached");
        assertThat(since.stdout()).isEqualTo("first\nsecond\n");
        assertThat(docker.run("logs", "--since", String.valueOf(System.currentTimeMillis() / 1000 + 3600), "it-detached")
                .stdout()).isEmpty();
        assertThat(docker.run("inspect", "-f", "{{.State.Status}} {{.Name}} {{.Config.Labels.suite}}", id.substring(0, 8)).out())
                .isEqualTo("running /it-detached it");

        Docker.Result rmRunning = docker.run("rm", "it-detached");
        assertThat(rmRunning.exitCode()).isEqualTo(1);
        assertThat(rmRunning.stderr()).contains("You cannot remove a running container");

        assertThat(docker.run("rm", "-f", "it-detached").exitCode()).isZero();
        assertThat(docker.run("ps", "-aq", "--filter", "name=it-detached").out()).isEmpty();
        Docker.Result gone = docker.run("inspect", "it-detached");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.stderr()).contains("No such object: it-detached");
    }

    private Docker.Result awaitLogs(String name, String text) throws Exception {
        Docker.Result logs = null;
        for (int i = 0; i < 100; i++) {
            logs = docker.run("logs", name);
            if (logs.stdout().contains(text)) {
                return logs;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no \"" + text + "\" in the logs of " + name + ": " + logs);
    }

    @Test
    void startAttached_streamsTheNewRunAndLogsKeepBothRuns() throws Exception {
        assertThat(docker.run("run", "--name", "it-twice", "busybox", "echo", "run").stdout()).isEqualTo("run\n");
        Docker.Result again = docker.run("start", "-a", "it-twice");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.stdout()).isEqualTo("run\n");
        assertThat(docker.run("logs", "it-twice").stdout()).isEqualTo("run\nrun\n");
        docker.run("rm", "it-twice");
    }

    @Test
    void logsFollow_streamsUntilTheContainerExits() throws Exception {
        docker.run("run", "-d", "--name", "it-follow", "busybox", "sh", "-c", "echo one; sleep 1; echo two >&2; exit 0");
        Docker.Result follow = docker.run("logs", "-f", "it-follow");
        assertThat(follow.exitCode()).as(follow.toString()).isZero();
        assertThat(follow.stdout()).isEqualTo("one\n");
        assertThat(follow.stderr()).isEqualTo("two\n");
        assertThat(docker.run("inspect", "-f", "{{.State.Status}}", "it-follow").out()).isEqualTo("exited");
        docker.run("rm", "it-follow");
    }

    @Test
    void stopAndKill_endTheContainerWithTheRightCode() throws Exception {
        docker.run("run", "-d", "--name", "it-stop", "busybox", "sleep", "300");
        Docker.Result stop = docker.run("stop", "-t", "1", "it-stop");
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        // sleep as PID 1 ignores TERM, so the stop ends with KILL.
        assertThat(docker.run("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "it-stop").out())
                .isEqualTo("exited 137");
        Docker.Result killStopped = docker.run("kill", "it-stop");
        assertThat(killStopped.exitCode()).isEqualTo(1);
        assertThat(killStopped.stderr()).contains("is not running");
        assertThat(docker.run("ps", "-a", "--filter", "name=it-stop", "--format", "{{.Status}}").out())
                .startsWith("Exited (137)");

        docker.run("rm", "it-stop");

        // A signal by name reaches the process: the shell's trap turns USR1 into exit 42.
        docker.run("run", "-d", "--name", "it-signal", "busybox", "sh", "-c",
                "trap 'exit 42' USR1; while true; do sleep 0.1; done");
        assertThat(docker.run("kill", "-s", "USR1", "it-signal").exitCode()).isZero();
        Docker.Result wait = docker.run("wait", "it-signal");
        assertThat(wait.out()).as(wait.toString()).isEqualTo("42");
        docker.run("rm", "it-signal");
    }

    @Test
    void run_appliesEnvWorkdirUserAndEntrypoint() throws Exception {
        Docker.Result r = docker.run("run", "--rm", "-e", "GREETING=hi there", "-w", "/tmp", "-u", "nobody",
                "busybox", "sh", "-c", "echo $GREETING; pwd; id -u; echo $HOSTNAME");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout().lines().toList()).hasSize(4).startsWith("hi there", "/tmp", "65534");
        Docker.Result ep = docker.run("run", "--rm", "--entrypoint", "echo", "busybox", "from", "entrypoint");
        assertThat(ep.stdout()).isEqualTo("from entrypoint\n");
    }

    @Test
    void runInteractive_passesStdinAndClosesIt() throws Exception {
        Docker.Result r = docker.runWithInput("some data\nmore\n".getBytes(StandardCharsets.UTF_8),
                "run", "--rm", "-i", "busybox", "cat");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("some data\nmore\n");
    }

    @Test
    void container_getsDockersDefaultSecurity() throws Exception {
        Docker.Result r = docker.run("run", "--rm", "busybox", "sh", "-c",
                "grep -E '^(CapEff|CapBnd|Seccomp|NoNewPrivs):' /proc/self/status; "
                        + "grep -c ' /proc/keys ' /proc/self/mountinfo; "
                        + "echo x > /proc/sys/kernel/domainname || echo ro-ok");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("CapEff:\t00000000a80425fb", "CapBnd:\t00000000a80425fb", "Seccomp:\t2",
                "ro-ok");
        // /proc/keys is masked: something (/dev/null) is mounted over it.
        assertThat(r.stdout().lines()).contains("1");
        Docker.Result mount = docker.run("run", "--rm", "busybox", "sh", "-c", "mount -t tmpfs x /mnt");
        assertThat(mount.exitCode()).as("mount needs CAP_SYS_ADMIN, which containers lack").isNotZero();
    }

    @Test
    void container_hasItsOwnEtcFilesAndNetworkModes() throws Exception {
        Docker.Result none = docker.run("run", "--rm", "--network", "none", "--hostname", "box1", "busybox", "sh", "-c",
                "cat /etc/hostname; grep -c localhost /etc/hosts; ls /sys/class/net");
        assertThat(none.exitCode()).as(none.toString()).isZero();
        assertThat(none.stdout().lines().toList()).containsExactly("box1", "2", "lo");
        Docker.Result host = docker.run("run", "--rm", "--network", "host", "busybox", "hostname");
        assertThat(host.out()).isEqualTo(java.net.InetAddress.getLocalHost().getHostName());
        assertThat(docker.run("run", "--rm", "busybox", "cat", "/etc/resolv.conf").stdout()).contains("nameserver");
    }

    @Test
    void create_rejectsBadAndDuplicateNames() throws Exception {
        Docker.Result bad = docker.run("create", "--name", "x", "busybox");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("Invalid container name (x)");
        assertThat(docker.run("create", "--name", "it-dup", "busybox").exitCode()).isZero();
        Docker.Result dup = docker.run("create", "--name", "it-dup", "busybox");
        assertThat(dup.stderr()).contains("Conflict. The container name \"/it-dup\" is already in use");
        docker.run("rm", "it-dup");
    }

    @Test
    void waitRemoved_andAutoRemoveOfDetachedContainers() throws Exception {
        String id = docker.run("run", "-d", "--rm", "busybox", "sh", "-c", "sleep 1; exit 5").out();
        Docker.Result wait = docker.run("wait", id);
        assertThat(wait.out()).as(wait.toString()).isEqualTo("5");
        for (int i = 0; i < 50 && !docker.run("ps", "-aq", "--no-trunc").out().isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(docker.run("ps", "-aq", "--no-trunc").out()).doesNotContain(id);
    }
}

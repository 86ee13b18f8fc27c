package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code docker exec} through the real docker CLI, in a running busybox container. */
@ExtendWith(SharedDaemon.class)
class ExecTest {
    private Docker docker;
    private String name;

    @BeforeEach
    void setUp(DaemonHarness daemon, org.junit.jupiter.api.TestInfo info) throws Exception {
        docker = new Docker(daemon);
        name = "it-exec-" + info.getTestMethod().orElseThrow().getName().hashCode() % 10000;
        Docker.Result r = docker.run("run", "-d", "--name", name, "-e", "FROM_RUN=yes", "busybox", "sleep", "600");
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @AfterEach
    void tearDown() throws Exception {
        docker.run("rm", "-f", name);
    }

    @Test
    void exec_runsInTheContainerWithItsOutputAndExitCode() throws Exception {
        Docker.Result r = docker.run("exec", name, "sh", "-c", "echo out; echo err >&2; echo $FROM_RUN; exit 3");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\nyes\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        Docker.Result caps = docker.run("exec", name, "grep", "CapEff", "/proc/self/status");
        assertThat(caps.stdout()).contains("00000000a80425fb");
    }

    @Test
    void exec_appliesEnvWorkdirAndUser() throws Exception {
        Docker.Result r = docker.run("exec", "-e", "FROM_RUN=overridden", "-w", "/tmp", "-u", "nobody", name,
                "sh", "-c", "echo $FROM_RUN; pwd; id -u");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("overridden\n/tmp\n65534\n");
    }

    @Test
    void execInteractive_passesStdinUntilEof() throws Exception {
        Docker.Result r = docker.runWithInput("line one\nline two\n".getBytes(StandardCharsets.UTF_8),
                "exec", "-i", name, "cat");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("line one\nline two\n");
    }

    @Test
    void execDetached_runsInTheBackground() throws Exception {
        assertThat(docker.run("exec", "-d", name, "sh", "-c", "echo made > /tmp/detached").exitCode()).isZero();
        Docker.Result r = null;
        for (int i = 0; i < 50; i++) {
            r = docker.run("exec", name, "cat", "/tmp/detached");
            if (r.exitCode() == 0) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(r.stdout()).isEqualTo("made\n");
    }

    @Test
    void exec_failuresExitAsDockerDoes() throws Exception {
        Docker.Result notFound = docker.run("exec", name, "no-such-command");
        assertThat(notFound.exitCode()).as(notFound.toString()).isEqualTo(127);
        assertThat(notFound.stderr()).contains("executable file not found");
        Docker.Result notExec = docker.run("exec", name, "/etc");
        assertThat(notExec.exitCode()).as(notExec.toString()).isEqualTo(126);
        Docker.Result noContainer = docker.run("exec", "it-exec-missing", "true");
        assertThat(noContainer.exitCode()).isEqualTo(1);
        assertThat(noContainer.stderr()).contains("No such container: it-exec-missing");
        docker.run("stop", "-t", "0", name);
        Docker.Result stopped = docker.run("exec", name, "true");
        assertThat(stopped.exitCode()).isNotZero();
        assertThat(stopped.stderr()).contains("is not running");
    }
}

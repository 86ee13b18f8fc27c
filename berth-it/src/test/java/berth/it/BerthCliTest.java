package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** berth's own CLI against the daemon: the same verbs, output and exit codes as docker's. */
@ExtendWith(SharedDaemon.class)
class BerthCliTest {
    private Docker berth;
    private Docker docker;

    @BeforeEach
    void setUp(DaemonHarness daemon) {
        berth = Docker.berth(daemon);
        docker = new Docker(daemon);
    }

    @Test
    void version_showsClientAndServer() throws Exception {
        Docker.Result r = berth.run("version");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("Client", "Server", "API version");
    }

    @Test
    void run_returnsExitCodesAsDockerDoes() throws Exception {
        Docker.Result ok = berth.run("run", "--rm", "busybox", "echo", "hi from berth");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.stdout()).isEqualTo("hi from berth\n");
        assertThat(berth.run("run", "--rm", "busybox", "sh", "-c", "exit 9").exitCode()).isEqualTo(9);
        assertThat(berth.run("run", "--rm", "busybox", "no-such-cmd").exitCode()).isEqualTo(127);
        assertThat(berth.run("run", "--rm", "no-such-image:x", "true").exitCode()).isEqualTo(125);
    }

    @Test
    void psAndImages_printDockersColumnsAndFormats() throws Exception {
        String id = berth.run("run", "-d", "--name", "cli-ps", "busybox", "sleep", "300").out();
        try {
            Docker.Result ps = berth.run("ps");
            assertThat(ps.stdout().lines().findFirst().orElseThrow())
                    .matches("CONTAINER ID +IMAGE +COMMAND +CREATED +STATUS +PORTS +NAMES");
            assertThat(ps.stdout()).contains(id.substring(0, 12), "\"sleep 300\"", "cli-ps");
            assertThat(berth.run("ps", "--format", "{{.Names}}", "--filter", "name=cli-ps").out()).isEqualTo("cli-ps");
            assertThat(berth.run("ps", "-q", "--no-trunc", "--filter", "name=cli-ps").out()).isEqualTo(id);
            // The same answer as the docker CLI gives.
            assertThat(berth.run("ps", "--format", "{{.ID}} {{.Image}} {{.Command}}").out())
                    .isEqualTo(docker.run("ps", "--format", "{{.ID}} {{.Image}} {{.Command}}").out());
            Docker.Result images = berth.run("images");
            assertThat(images.stdout().lines().findFirst().orElseThrow())
                    .matches("REPOSITORY +TAG +IMAGE ID +CREATED +SIZE");
            assertThat(images.stdout()).contains("busybox");
            assertThat(berth.run("inspect", "-f", "{{.State.Running}}", "cli-ps").out()).isEqualTo("true");
        } finally {
            assertThat(berth.run("rm", "-f", "cli-ps").exitCode()).isZero();
        }
    }

    @Test
    void run_takesDockersFlagsAndStdin() throws Exception {
        Docker.Result in = berth.runWithInput("piped\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "run", "-i", "--rm", "busybox", "cat");
        assertThat(in.stdout()).as(in.toString()).isEqualTo("piped\n");
        Docker.Result flags = berth.run("run", "--rm", "-e", "A=1", "-w", "/tmp", "-u", "nobody", "--entrypoint", "sh",
                "--network", "none", "busybox", "-c", "echo $A $(pwd) $(id -u)");
        assertThat(flags.stdout()).as(flags.toString()).isEqualTo("1 /tmp 65534\n");
        berth.run("run", "-d", "--name", "cli-logs", "--label", "cli=logs", "busybox", "sh", "-c", "echo x; sleep 1; echo y");
        assertThat(berth.run("logs", "-f", "cli-logs").stdout()).isEqualTo("x\ny\n");
        assertThat(berth.run("wait", "cli-logs").out()).isEqualTo("0");
        assertThat(berth.run("ps", "-a", "--filter", "label=cli=logs", "--format", "{{.Names}} {{.State}}").out())
                .isEqualTo("cli-logs exited");
        assertThat(berth.run("rm", "cli-logs").exitCode()).isZero();
    }

    @Test
    void lifecycleVerbs_pauseRestartRenameTop() throws Exception {
        berth.run("run", "-d", "--name", "cli-life", "busybox", "sleep", "600");
        try {
            assertThat(berth.run("pause", "cli-life").out()).isEqualTo("cli-life");
            assertThat(berth.run("ps", "--filter", "name=cli-life", "--format", "{{.Status}}").out()).endsWith("(Paused)");
            assertThat(berth.run("unpause", "cli-life").out()).isEqualTo("cli-life");
            assertThat(berth.run("restart", "-t", "0", "cli-life").out()).isEqualTo("cli-life");
            Docker.Result top = berth.run("top", "cli-life");
            assertThat(top.stdout()).contains("PID", "sleep 600");
            assertThat(berth.run("rename", "cli-life", "cli-life-2").exitCode()).isZero();
            assertThat(berth.run("inspect", "-f", "{{.State.Status}}", "cli-life-2").out()).isEqualTo("running");
        } finally {
            berth.run("rm", "-f", "cli-life", "cli-life-2");
        }
    }

    @Test
    void errors_goToStderrWithExitCode1() throws Exception {
        Docker.Result r = berth.run("rmi", "no-such:image");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("Error response from daemon: No such image: no-such:image");
    }

    @Test
    void badFlags_areRefusedAsDockerDoes() throws Exception {
        Docker.Result bogus = berth.run("run", "--bogus-flag", "busybox", "true");
        assertThat(bogus.exitCode()).isEqualTo(125);
        assertThat(bogus.stderr()).contains("--bogus-flag");
        Docker.Result ps = berth.run("ps", "--filter", "colour=blue");
        assertThat(ps.exitCode()).isNotZero();
        assertThat(ps.stderr()).contains("colour");
    }

    @Test
    void tcpHosts_areRefusedUntilTlsExists() throws Exception {
        Docker.Result r = Docker.berthAt("tcp://127.0.0.1:2375").run("version");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).containsIgnoringCase("tls");
    }
}

package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** --restart policies with Docker's rules: counts, back-off, manual stops, bad policies. */
@ExtendWith(SharedDaemon.class)
class RestartPolicyTest {
    @Test
    void onFailure_restartsUpToItsMaximumThenStays(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        try {
            docker.run("run", "-d", "--name", "it-onfail", "--restart", "on-failure:2", "busybox", "sh", "-c",
                    "echo run; exit 3");
            String state = awaitState(docker, "it-onfail", "exited 2 3");
            assertThat(state).isEqualTo("exited 2 3");
            assertThat(docker.run("inspect", "-f", "{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}",
                    "it-onfail").out()).isEqualTo("on-failure:2");
            assertThat(docker.run("logs", "it-onfail").stdout()).as("the log keeps every run").isEqualTo("run\nrun\nrun\n");

            docker.run("run", "-d", "--name", "it-onfail-ok", "--restart", "on-failure", "busybox", "true");
            docker.run("wait", "it-onfail-ok");
            // the engine records the policy's decision (exited or restarting) before it answers the wait
            assertThat(docker.run("inspect", "-f", "{{.State.Status}} {{.RestartCount}}", "it-onfail-ok").out())
                    .as("a clean exit is not a failure").isEqualTo("exited 0");
        } finally {
            docker.run("rm", "-f", "it-onfail", "it-onfail-ok");
        }
    }

    @Test
    void always_restartsAfterExitButNotAfterStopOrKill(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        try {
            docker.run("run", "-d", "--name", "it-always", "--restart", "always", "busybox", "sh", "-c", "sleep 0.3");
            for (int i = 0; i < 100 && Integer.parseInt(docker.run("inspect", "-f", "{{.RestartCount}}", "it-always").out()) < 2; i++) {
                Thread.sleep(100);
            }
            assertThat(Integer.parseInt(docker.run("inspect", "-f", "{{.RestartCount}}", "it-always").out()))
                    .isGreaterThanOrEqualTo(2);
            Docker.Result stop = docker.run("stop", "-t", "1", "it-always");
            assertThat(stop.exitCode()).as(stop.toString()).isZero();
            // stop returns after the exit was handled: a restart would show as "restarting" already
            assertThat(docker.run("inspect", "-f", "{{.State.Status}}", "it-always").out()).isEqualTo("exited");

            docker.run("run", "-d", "--name", "it-killed", "--restart", "unless-stopped", "busybox", "sh", "-c",
                    "while [ ! -f /tmp/exit ]; do sleep 0.1; done");
            docker.run("kill", "it-killed");
            docker.run("wait", "it-killed");
            assertThat(docker.run("inspect", "-f", "{{.State.Status}} {{.RestartCount}}", "it-killed").out())
                    .isEqualTo("exited 0");
            // A later start clears the manual stop: the policy applies again.
            docker.run("start", "it-killed");
            docker.run("exec", "it-killed", "touch", "/tmp/exit");
            for (int i = 0; i < 50 && docker.run("inspect", "-f", "{{.RestartCount}}", "it-killed").out().equals("0"); i++) {
                Thread.sleep(100);
            }
            assertThat(Integer.parseInt(docker.run("inspect", "-f", "{{.RestartCount}}", "it-killed").out()))
                    .isGreaterThanOrEqualTo(1);
        } finally {
            docker.run("rm", "-f", "it-always", "it-killed");
        }
    }

    @Test
    void badPolicies_areRefusedWithDockersMessages(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        Docker.Result rm = docker.run("run", "--rm", "--restart", "always", "busybox", "true");
        assertThat(rm.exitCode()).isNotZero();
        assertThat(rm.stderr()).containsIgnoringCase("restart");
        Docker.Result count = docker.run("create", "--name", "it-badrestart", "--restart", "always:3", "busybox");
        assertThat(count.exitCode()).isNotZero();
        assertThat(docker.run("inspect", "it-badrestart").exitCode()).as("nothing created").isNotZero();
    }

    /**
     * Docker's rules at daemon start (moby restartmanager): {@code always} starts even after a stop by
     * hand, {@code unless-stopped} only when not stopped by hand; containers that died while no daemon
     * ran get their policy applied as if the daemon had seen the exit.
     */
    @Test
    void policies_applyAfterTheDaemonDies() throws Exception {
        try (DaemonHarness daemon = DaemonHarness.start()) {
            Docker berth = Docker.berth(daemon);
            assertThat(berth.run("bootstrap", "busybox").exitCode()).isZero();
            Docker docker = new Docker(daemon);
            docker.run("run", "-d", "--name", "dies-while-down", "--restart", "on-failure", "busybox", "sleep", "1000");
            docker.run("run", "-d", "--name", "unless-dies-while-down", "--restart", "unless-stopped", "busybox",
                    "sleep", "1000");
            docker.run("run", "-d", "--name", "always-stopped-by-user", "--restart", "always", "busybox", "sleep", "1000");
            docker.run("stop", "-t", "0", "always-stopped-by-user");
            docker.run("run", "-d", "--name", "unless-stopped-by-user", "--restart", "unless-stopped", "busybox",
                    "sleep", "1000");
            docker.run("stop", "-t", "0", "unless-stopped-by-user");
            List<ProcessHandle> doomed = new ArrayList<>();
            for (String name : List.of("dies-while-down", "unless-dies-while-down")) {
                long pid = Long.parseLong(docker.run("inspect", "-f", "{{.State.Pid}}", name).out());
                doomed.add(ProcessHandle.of(pid).orElseThrow());
            }
            daemon.crash();
            // their processes die while no daemon runs (SIGKILL reaches a container's init from the host)
            for (ProcessHandle p : doomed) {
                p.destroyForcibly();
                p.onExit().get(30, TimeUnit.SECONDS);
            }
            daemon.launch();
            assertThat(awaitState(docker, "dies-while-down", "running 1 0")).as(daemon.log()).isEqualTo("running 1 0");
            assertThat(awaitState(docker, "unless-dies-while-down", "running 1 0")).as(daemon.log())
                    .isEqualTo("running 1 0");
            assertThat(awaitState(docker, "always-stopped-by-user", "running 0 0"))
                    .as("always starts with the daemon even after a stop by hand (RestartCount starts afresh)")
                    .isEqualTo("running 0 0");
            // the daemon decides every container's start while it loads them, before it serves the API
            assertThat(docker.run("inspect", "-f", "{{.State.Status}}", "unless-stopped-by-user").out())
                    .as("unless-stopped: a stop by hand survives the daemon's restart").isEqualTo("exited");
        }
    }

    @Test
    void logsFollow_staysThroughRestartsAndEndsWhenThePolicyGivesUp(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        try {
            // the first run waits for /tmp/go so the follower is attached before any exit; later runs
            // find it (same rootfs) and fail at once
            docker.run("run", "-d", "--name", "it-follow-restarts", "--restart", "on-failure:2", "busybox", "sh", "-c",
                    "echo run; while [ ! -f /tmp/go ]; do sleep 0.1; done; exit 1");
            Process follower = follow(daemon, "it-follow-restarts");
            BufferedReader out = new BufferedReader(new InputStreamReader(follower.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("run");
            assertThat(docker.run("exec", "it-follow-restarts", "touch", "/tmp/go").exitCode()).isZero();
            assertThat(follower.waitFor(60, TimeUnit.SECONDS)).as("the follower ends when the policy gives up").isTrue();
            assertThat(follower.exitValue()).isZero();
            assertThat(out.readLine()).as("second run").isEqualTo("run");
            assertThat(out.readLine()).as("third run").isEqualTo("run");
            assertThat(out.readLine()).isNull();
            assertThat(awaitState(docker, "it-follow-restarts", "exited 2 1")).isEqualTo("exited 2 1");
        } finally {
            docker.run("rm", "-f", "it-follow-restarts");
        }
    }

    @Test
    void logsFollow_endsWhenAnAlwaysContainerIsStoppedOrRemoved(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        try {
            docker.run("run", "-d", "--name", "it-follow-always", "--restart", "always", "busybox", "sh", "-c",
                    "echo up; while [ ! -f /tmp/go ]; do sleep 0.1; done; rm /tmp/go; exit 0");
            Process follower = follow(daemon, "it-follow-always");
            BufferedReader out = new BufferedReader(new InputStreamReader(follower.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("up");
            docker.run("exec", "it-follow-always", "touch", "/tmp/go");
            assertThat(out.readLine()).as("the follower saw the restart").isEqualTo("up");
            assertThat(follower.isAlive()).isTrue();
            assertThat(docker.run("stop", "-t", "1", "it-follow-always").exitCode()).isZero();
            assertThat(follower.waitFor(60, TimeUnit.SECONDS)).as("a stop by hand ends the follower").isTrue();

            docker.run("start", "it-follow-always");
            // its first line comes from the log's history: proof that the follower is connected
            Process second = follow(daemon, "it-follow-always");
            BufferedReader out2 = new BufferedReader(new InputStreamReader(second.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out2.readLine()).isEqualTo("up");
            docker.run("rm", "-f", "it-follow-always");
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("removal ends the follower").isTrue();
        } finally {
            docker.run("rm", "-f", "it-follow-always");
        }
    }

    /** {@code docker logs -f} running in the background, its stdout to read line by line. */
    private static Process follow(DaemonHarness daemon, String name) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Docker.DOCKER, "-H", daemon.host(), "logs", "-f", name)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("DOCKER_HOST");
        return pb.start();
    }

    private static String awaitState(Docker docker, String name, String wanted) throws Exception {
        return docker.awaitInspect(name, "{{.State.Status}} {{.RestartCount}} {{.State.ExitCode}}", wanted, 15);
    }
}

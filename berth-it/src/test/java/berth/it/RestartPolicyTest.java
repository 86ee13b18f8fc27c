package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

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
            Thread.sleep(500);
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
            Thread.sleep(1500);
            assertThat(docker.run("inspect", "-f", "{{.State.Status}}", "it-always").out()).isEqualTo("exited");

            docker.run("run", "-d", "--name", "it-killed", "--restart", "unless-stopped", "busybox", "sh", "-c",
                    "while [ ! -f /tmp/exit ]; do sleep 0.1; done");
            docker.run("kill", "it-killed");
            Thread.sleep(1000);
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

    @Test
    void policies_applyAfterTheDaemonDies() throws Exception {
        try (DaemonHarness daemon = DaemonHarness.start()) {
            Docker berth = Docker.berth(daemon);
            assertThat(berth.run("bootstrap", "busybox").exitCode()).isZero();
            Docker docker = new Docker(daemon);
            docker.run("run", "-d", "--name", "dies-while-down", "--restart", "on-failure", "busybox", "sh", "-c",
                    "sleep 1; exit 5");
            docker.run("run", "-d", "--name", "stopped-by-user", "--restart", "always", "busybox", "sleep", "100");
            docker.run("stop", "-t", "0", "stopped-by-user");
            daemon.crash();
            Thread.sleep(2000);
            daemon.launch();
            String state = awaitState(docker, "dies-while-down", "running 1 0");
            assertThat(state).as(daemon.log()).isEqualTo("running 1 0");
            assertThat(docker.run("inspect", "-f", "{{.State.Status}}", "stopped-by-user").out())
                    .as("a manual stop survives the daemon's restart").isEqualTo("exited");
        }
    }

    private static String awaitState(Docker docker, String name, String wanted) throws Exception {
        return docker.awaitInspect(name, "{{.State.Status}} {{.RestartCount}} {{.State.ExitCode}}", wanted, 15);
    }
}

package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A daemon restart, even a kill -9, loses no container, log line or exit code. Uses its own daemon. */
class RestartTest {
    @Test
    void crashedDaemon_findsItsContainersAgain() throws Exception {
        try (DaemonHarness daemon = DaemonHarness.start()) {
            Docker berth = Docker.berth(daemon);
            assertThat(berth.run("bootstrap", "busybox").exitCode()).isZero();
            Docker docker = new Docker(daemon);
            String running = docker.run("run", "-d", "--name", "survivor", "busybox", "sh", "-c",
                    "echo before; sleep 2; echo after; exit 7").out();
            String stopped = docker.run("run", "--name", "finished", "busybox", "sh", "-c", "echo done; exit 4").out();
            assertThat(docker.run("inspect", "-f", "{{.State.ExitCode}}", "finished").out()).isEqualTo("4");

            docker.run("run", "-d", "--name", "exits-while-down", "busybox", "sh", "-c", "echo bye; sleep 1; exit 9");
            String autoRemoved = docker.run("run", "-d", "--rm", "busybox", "sh", "-c", "sleep 1; exit 0").out();

            daemon.crash();
            Thread.sleep(2500);
            daemon.launch();

            // The exits that happened while no daemon ran are recorded, and --rm is honoured.
            assertThat(docker.run("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "exits-while-down").out())
                    .isEqualTo("exited 9");
            assertThat(docker.run("logs", "exits-while-down").stdout()).isEqualTo("bye\n");
            for (int i = 0; i < 50 && docker.run("ps", "-aq", "--no-trunc").stdout().contains(autoRemoved); i++) {
                Thread.sleep(100);
            }
            assertThat(docker.run("ps", "-aq", "--no-trunc").stdout()).doesNotContain(autoRemoved);

            assertThat(docker.run("ps", "-a", "--format", "{{.Names}}").stdout()).contains("survivor", "finished");
            assertThat(docker.run("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "finished").out())
                    .isEqualTo("exited 4");
            Docker.Result wait = docker.run("wait", "survivor");
            assertThat(wait.out()).as(wait + daemon.log()).isEqualTo("7");
            assertThat(docker.run("logs", "survivor").stdout()).isEqualTo("before\nafter\n");
            assertThat(docker.run("logs", "finished").stdout()).isEqualTo("done\n");
            assertThat(running).isNotBlank();
            assertThat(stopped).isEqualTo("done");
        }
    }
}

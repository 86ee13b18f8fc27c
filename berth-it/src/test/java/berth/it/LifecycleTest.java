package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** restart, pause/unpause, rename and top through the real docker CLI. */
@ExtendWith(SharedDaemon.class)
class LifecycleTest {
    @Test
    void pauseFreezesAndUnpauseThaws(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        docker.run("run", "-d", "--name", "it-pause", "busybox", "sh", "-c",
                "i=0; while true; i=$((i+1)); do echo $i > /tmp/tick; sleep 0.05; done");
        try {
            assertThat(docker.run("pause", "it-pause").exitCode()).isZero();
            assertThat(docker.run("inspect", "-f", "{{.State.Status}} {{.State.Paused}} {{.State.Running}}", "it-pause").out())
                    .isEqualTo("paused true true");
            assertThat(docker.run("ps", "--filter", "name=it-pause", "--format", "{{.Status}}").out()).endsWith("(Paused)");
            assertThat(docker.run("pause", "it-pause").stderr()).contains("is already paused");
            Docker.Result exec = docker.run("exec", "it-pause", "true");
            assertThat(exec.stderr()).contains("paused");
            // Frozen: the freezer cgroup says so.
            String cgroupFreezer = "/sys/fs/cgroup/freezer/berth/" + docker.run("inspect", "-f", "{{.Id}}", "it-pause").out()
                    + "/freezer.state";
            assertThat(java.nio.file.Files.readString(java.nio.file.Path.of(cgroupFreezer)).strip()).isEqualTo("FROZEN");
            assertThat(docker.run("unpause", "it-pause").exitCode()).isZero();
            assertThat(docker.run("unpause", "it-pause").stderr()).contains("is not paused");
            String t1 = docker.run("exec", "it-pause", "cat", "/tmp/tick").out();
            Thread.sleep(300);
            String t2 = docker.run("exec", "it-pause", "cat", "/tmp/tick").out();
            assertThat(t2).as("the loop runs again after unpause").isNotEqualTo(t1);

            docker.run("pause", "it-pause");
            Docker.Result stop = docker.run("stop", "-t", "1", "it-pause");
            assertThat(stop.exitCode()).as(stop.toString()).isZero();
            assertThat(docker.run("inspect", "-f", "{{.State.Status}}", "it-pause").out()).isEqualTo("exited");
        } finally {
            docker.run("rm", "-f", "it-pause");
        }
    }

    @Test
    void restartRenameAndTop(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        docker.run("run", "-d", "--name", "it-life", "busybox", "sleep", "600");
        try {
            String started = docker.run("inspect", "-f", "{{.State.StartedAt}}", "it-life").out();
            Docker.Result restart = docker.run("restart", "-t", "0", "it-life");
            assertThat(restart.exitCode()).as(restart.toString()).isZero();
            assertThat(docker.run("inspect", "-f", "{{.State.Status}} {{.State.StartedAt}}", "it-life").out())
                    .startsWith("running ").isNotEqualTo("running " + started);

            Docker.Result top = docker.run("top", "it-life");
            assertThat(top.exitCode()).as(top.toString()).isZero();
            assertThat(top.stdout().lines().findFirst().orElseThrow()).contains("PID").contains("CMD");
            assertThat(top.stdout()).contains("sleep 600");
            assertThat(top.stdout().lines().count()).as("only the container's one process").isEqualTo(2);

            assertThat(docker.run("rename", "it-life", "it-life-2").exitCode()).isZero();
            assertThat(docker.run("inspect", "-f", "{{.Name}}", "it-life-2").out()).isEqualTo("/it-life-2");
            assertThat(docker.run("inspect", "it-life").exitCode()).isEqualTo(1);
            docker.run("create", "--name", "it-life-other", "busybox");
            Docker.Result clash = docker.run("rename", "it-life-2", "it-life-other");
            assertThat(clash.stderr()).contains("is already in use");
            Docker.Result bad = docker.run("rename", "it-life-2", "x");
            assertThat(bad.stderr()).contains("Invalid container name");
        } finally {
            docker.run("rm", "-f", "it-life", "it-life-2", "it-life-other");
        }
    }
}

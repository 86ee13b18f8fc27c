package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Volumes and the mount points naming them survive a daemon kill -9. Uses its own daemon. */
class VolumesRestartTest {
    @Test
    void crashedDaemon_keepsVolumesTheirDataAndWhoUsesThem() throws Exception {
        try (DaemonHarness daemon = DaemonHarness.start()) {
            assertThat(Docker.berth(daemon).run("bootstrap", "busybox").exitCode()).isZero();
            Docker docker = new Docker(daemon);
            docker.run("volume", "create", "--label", "k=v", "kept");
            String user = docker.run("create", "-v", "kept:/data", "-v", "/anon", "busybox", "sh", "-c",
                    "cat /data/f").out();
            docker.run("run", "--rm", "-v", "kept:/data", "busybox", "sh", "-c", "echo durable > /data/f");

            daemon.crash();
            daemon.launch();

            assertThat(docker.run("volume", "ls", "-q", "--filter", "label=k=v").out()).isEqualTo("kept");
            Docker.Result rm = docker.run("volume", "rm", "kept");
            assertThat(rm.stderr()).as(rm + daemon.log()).contains("volume is in use - [" + user + "]");
            Docker.Result start = docker.run("start", "-a", user);
            assertThat(start.out()).as(start + daemon.log()).isEqualTo("durable");
            String anon = docker.run("inspect", "-f",
                    "{{range .Mounts}}{{if eq .Destination \"/anon\"}}{{.Name}}{{end}}{{end}}", user).out();
            assertThat(anon).matches("[0-9a-f]{64}");
            assertThat(docker.run("rm", "-v", user).exitCode()).isZero();
            assertThat(docker.run("volume", "ls", "-q").out()).isEqualTo("kept");
            assertThat(docker.run("volume", "rm", "kept").out()).isEqualTo("kept");
        }
    }
}

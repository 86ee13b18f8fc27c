package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Health checks from the command line and from the image, State.Health, ps status and health_status events. */
@ExtendWith(SharedDaemon.class)
class HealthCheckTest {
    @Test
    void healthCmd_turnsHealthyThenUnhealthy(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        long since = System.currentTimeMillis() / 1000 - 1;
        try {
            Docker.Result run = docker.run("run", "-d", "--name", "it-health", "--health-cmd", "cat /tmp/ok",
                    "--health-interval", "300ms", "--health-retries", "2", "busybox", "sh", "-c",
                    "touch /tmp/ok; sleep 600");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(await(docker, "it-health", "healthy")).isEqualTo("healthy");
            assertThat(docker.run("ps", "--filter", "name=it-health", "--format", "{{.Status}}").out()).endsWith("(healthy)");
            assertThat(docker.run("ps", "--filter", "health=healthy", "--format", "{{.Names}}").stdout()).contains("it-health");
            assertThat(docker.run("ps", "--filter", "health=unhealthy", "--format", "{{.Names}}").stdout())
                    .doesNotContain("it-health");
            assertThat(docker.run("inspect", "-f", "{{json .Config.Healthcheck}}", "it-health").out())
                    .contains("\"Test\":[\"CMD-SHELL\",\"cat /tmp/ok\"]", "\"Interval\":300000000", "\"Retries\":2");

            docker.run("exec", "it-health", "rm", "/tmp/ok");
            assertThat(await(docker, "it-health", "unhealthy")).isEqualTo("unhealthy");
            String log = docker.run("inspect", "-f", "{{range .State.Health.Log}}{{.ExitCode}}:{{.Output}}|{{end}}", "it-health").out();
            assertThat(log).contains("1:cat: can't open '/tmp/ok': No such file or directory");
            assertThat(Integer.parseInt(docker.run("inspect", "-f", "{{.State.Health.FailingStreak}}", "it-health").out()))
                    .isGreaterThanOrEqualTo(2);

            docker.run("stop", "-t", "0", "it-health");
            assertThat(docker.run("inspect", "-f", "{{.State.Health.Status}}", "it-health").out()).isEqualTo("unhealthy");
            Thread.sleep(1100);
            Docker.Result events = docker.run("events", "--since", Long.toString(since), "--until",
                    Long.toString(System.currentTimeMillis() / 1000), "--filter", "container=it-health",
                    "--filter", "event=health_status", "--format", "{{.Action}}");
            assertThat(events.stdout().lines().toList())
                    .containsExactly("health_status: healthy", "health_status: unhealthy");
        } finally {
            docker.run("rm", "-f", "it-health");
        }
    }

    @Test
    void timeoutAndNoHealthcheck(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        try {
            docker.run("run", "-d", "--name", "it-hslow", "--health-cmd", "sleep 5", "--health-interval", "200ms",
                    "--health-timeout", "300ms", "--health-retries", "1", "busybox", "sleep", "600");
            assertThat(await(docker, "it-hslow", "unhealthy")).isEqualTo("unhealthy");
            assertThat(docker.run("inspect", "-f", "{{(index .State.Health.Log 0).ExitCode}} {{(index .State.Health.Log 0).Output}}",
                    "it-hslow").out()).isEqualTo("-1 Health check exceeded timeout (300ms)");

            docker.run("run", "-d", "--name", "it-hnone", "--no-healthcheck", "busybox", "sleep", "600");
            assertThat(docker.run("inspect", "-f", "{{.State.Health}}", "it-hnone").out()).isEqualTo("<nil>");
        } finally {
            docker.run("rm", "-f", "it-hslow", "it-hnone");
        }
    }

    @Test
    void imageHealthcheck_isInheritedAndCanBeOverridden(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        try {
            java.nio.file.Path tar = java.nio.file.Files.createTempFile("health-image", ".tar");
            java.nio.file.Files.write(tar, imageWithHealthcheck("it-healthy-image:latest"));
            Docker.Result load = docker.run("load", "-i", tar.toString());
            java.nio.file.Files.delete(tar);
            assertThat(load.exitCode()).as(load.toString()).isZero();
            assertThat(docker.run("image", "inspect", "-f", "{{json .Config.Healthcheck}}", "it-healthy-image").out())
                    .contains("\"Test\":[\"CMD\",\"true\"]");
            docker.run("run", "-d", "--name", "it-hinherit", "it-healthy-image");
            assertThat(await(docker, "it-hinherit", "healthy")).isEqualTo("healthy");
            // --health-interval alone keeps the image's test; --no-healthcheck drops it.
            docker.run("run", "-d", "--name", "it-hinterval", "--health-interval", "250ms", "it-healthy-image");
            assertThat(docker.run("inspect", "-f", "{{json .Config.Healthcheck.Test}} {{.Config.Healthcheck.Interval}}",
                    "it-hinterval").out()).isEqualTo("[\"CMD\",\"true\"] 250ms");
            docker.run("run", "-d", "--name", "it-hoff", "--no-healthcheck", "it-healthy-image");
            Thread.sleep(600);
            assertThat(docker.run("inspect", "-f", "{{.State.Health}}", "it-hoff").out()).isEqualTo("<nil>");
        } finally {
            docker.run("rm", "-f", "it-hinherit", "it-hinterval", "it-hoff");
            docker.run("rmi", "it-healthy-image");
        }
    }

    /** A docker-save archive of busybox's rootfs whose config carries a HEALTHCHECK (200 ms, CMD true). */
    private static byte[] imageWithHealthcheck(String tag) throws Exception {
        byte[] layer = Tars.busyboxRootfs();
        String diffId = "sha256:" + Tars.sha256(layer);
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"sleep\",\"600\"],"
                + "\"Healthcheck\":{\"Test\":[\"CMD\",\"true\"],\"Interval\":200000000}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]},"
                + "\"created\":\"2026-01-01T00:00:00Z\",\"history\":[{\"created\":\"2026-01-01T00:00:00Z\"}]}";
        byte[] configBytes = config.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String configName = Tars.sha256(configBytes) + ".json";
        String layerDir = Tars.sha256(layer);
        return new Tars().dir(layerDir)
                .file(configName, configBytes, 0644)
                .file(layerDir + "/layer.tar", layer, 0644)
                .file("manifest.json", ("[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"" + tag
                        + "\"],\"Layers\":[\"" + layerDir + "/layer.tar\"]}]").getBytes(java.nio.charset.StandardCharsets.UTF_8), 0644)
                .bytes();
    }

    private static String await(Docker docker, String name, String wanted) throws Exception {
        return docker.awaitInspect(name, "{{if .State.Health}}{{.State.Health.Status}}{{end}}", wanted, 10);
    }
}

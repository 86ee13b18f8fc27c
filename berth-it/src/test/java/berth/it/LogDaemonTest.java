package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The daemon's side of logging: default drivers from flags and from daemon.json (dockerd's rules for both),
 * and output written while the daemon is away, shipped when it comes back.
 */
class LogDaemonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A daemon of this test's own, with busybox made offline. */
    private static DaemonHarness daemon(List<String> args) throws Exception {
        DaemonHarness d = DaemonHarness.start(args);
        Docker.Result boot = Docker.berth(d).run("bootstrap", "busybox");
        assertThat(boot.exitCode()).as(boot.toString()).isZero();
        return d;
    }

    private static Docker.Result ok(Docker docker, String... args) throws Exception {
        Docker.Result r = docker.run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    @Test
    void daemonDefaults_fromFlags_applyToContainersThatNameNoDriver() throws Exception {
        try (DaemonHarness d = daemon(List.of("--log-driver", "local", "--log-opt", "max-size=5m"))) {
            Docker docker = new Docker(d);
            assertThat(ok(docker, "info", "-f", "{{.LoggingDriver}}").out()).isEqualTo("local");
            ok(docker, "run", "--name", "dflt", "busybox", "echo", "hi");
            JsonNode i = JSON.readTree(ok(docker, "inspect", "dflt").stdout()).get(0);
            assertThat(i.at("/HostConfig/LogConfig/Type").asText()).isEqualTo("local");
            assertThat(i.at("/HostConfig/LogConfig/Config/max-size").asText()).isEqualTo("5m");
            assertThat(ok(docker, "logs", "dflt").stdout()).isEqualTo("hi\n");
            // the defaults' options go only with the default driver (dockerd's rule)
            ok(docker, "create", "--name", "other", "--log-driver", "json-file", "busybox");
            JsonNode o = JSON.readTree(ok(docker, "inspect", "other").stdout()).get(0);
            assertThat(o.at("/HostConfig/LogConfig/Type").asText()).isEqualTo("json-file");
            assertThat(o.at("/HostConfig/LogConfig/Config").size()).isZero();
        }
    }

    @Test
    void daemonJson_setsTheDefaults_andConflictsOrUnknownKeysAreRefused() throws Exception {
        Path dir = Files.createTempDirectory("berth-daemon-json");
        try {
            Path file = dir.resolve("daemon.json");
            Files.writeString(file, "{\"log-driver\": \"json-file\", \"log-opts\": {\"max-size\": \"2m\", \"max-file\": \"2\"}}");
            try (DaemonHarness d = daemon(List.of("--config-file", file.toString()))) {
                Docker docker = new Docker(d);
                ok(docker, "create", "--name", "fromjson", "busybox");
                JsonNode i = JSON.readTree(ok(docker, "inspect", "fromjson").stdout()).get(0);
                assertThat(i.at("/HostConfig/LogConfig/Config/max-size").asText()).isEqualTo("2m");
                assertThat(i.at("/HostConfig/LogConfig/Config/max-file").asText()).isEqualTo("2");
            }
            assertThat(refused("--config-file", file.toString(), "--log-driver", "local"))
                    .contains("the following directives are specified both as a flag and in the configuration file")
                    .contains("log-driver");
            Files.writeString(file, "{\"log-driver\": \"json-file\", \"no-such-setting\": 1}");
            assertThat(refused("--config-file", file.toString()))
                    .contains("the following directives don't match any configuration option: no-such-setting");
            Files.writeString(file, "{\"log-driver\": \"json-file\", \"log-opts\": {\"max-file\": \"x\"}}");
            assertThat(refused("--config-file", file.toString())).contains("failed to set log opts").contains("\"x\"");
            assertThat(refused("--log-driver", "nope")).contains("no log driver named 'nope'");
            assertThat(refused("--config-file", dir.resolve("absent.json").toString())).contains("absent.json");
        } finally {
            DaemonHarness.deleteTree(dir);
        }
    }

    private static String refused(String... args) throws Exception {
        var cmd = new java.util.ArrayList<String>(List.of(DaemonHarness.repoRoot().resolve("bin/berth").toString(),
                "daemon", "-H", "unix:///run/bt-logflags/x.sock", "--data-root", "/run/bt-logflags/data",
                "--exec-root", "/run/bt-logflags/exec"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the daemon should refuse and exit").isTrue();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.exitValue()).as(out).isNotZero();
            return out;
        } finally {
            p.destroyForcibly();
            DaemonHarness.deleteTree(Path.of("/run/bt-logflags"));
        }
    }

    @Test
    void outputWrittenWhileTheDaemonIsAway_isShippedWhenItReturns_withNothingLostOrRepeated() throws Exception {
        try (DaemonHarness d = daemon(List.of())) {
            Docker docker = new Docker(d);
            ok(docker, "run", "-d", "--name", "away", "busybox", "sh", "-c",
                    "i=0; while [ $i -lt 300 ]; do echo n$i; i=$((i+1)); if [ $i = 100 ]; then until [ -f /go ]; do sleep 0.05; done; fi; done; sleep 600");
            docker.awaitInspect("away", "{{.State.Running}}", "true", 30);
            awaitLogLines(docker, "away", 100);
            String id = ok(docker, "inspect", "-f", "{{.Id}}", "away").out();
            String pid = ok(docker, "inspect", "-f", "{{.State.Pid}}", "away").out();
            d.crash();
            // the daemon is gone: the container writes its next 200 lines into the spool
            Path rootfsGo = Path.of("/proc", pid, "root", "go");
            Files.writeString(rootfsGo, "");
            Path spool = d.dataRoot().resolve("containers").resolve(id).resolve("spool").resolve("container.log");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(spool).contains(" n299\n")) {
                assertThat(System.nanoTime()).as("container output in the spool").isLessThan(deadline);
                Thread.sleep(20);
            }
            d.launch();
            awaitLogLines(docker, "away", 300);
            List<String> lines = ok(docker, "logs", "away").stdout().lines().toList();
            assertThat(lines).hasSize(300);
            for (int i = 0; i < 300; i++) {
                assertThat(lines.get(i)).isEqualTo("n" + i);
            }
        }
    }

    private static void awaitLogLines(Docker docker, String name, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ok(docker, "logs", name).stdout().lines().count() < count) {
            assertThat(System.nanoTime()).as("waiting for %d lines of %s", count, name).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}

package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import berth.logging.fluentd.ForwardReceiver;
import berth.logging.gelf.GelfReceiver;
import berth.logging.syslog.Rsyslog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Log drivers end to end: containers started through the docker CLI 28 log through each driver to a real
 * receiver on 127.0.0.1 (rsyslogd for syslog; for GELF and Fluentd's Forward protocol, receivers in the test
 * that decode what arrives: Debian has neither Graylog nor fluentd/fluent-bit), and {@code docker logs} reads
 * back json-file, local and, through the dual-logging cache, the others.
 */
@ExtendWith(SharedDaemon.class)
class LogDriversTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Docker docker;
    private DaemonHarness daemon;
    private final List<String> made = new ArrayList<>();

    @BeforeEach
    void setUp(DaemonHarness daemon) {
        this.daemon = daemon;
        docker = new Docker(daemon);
    }

    @AfterEach
    void removeContainers() throws Exception {
        for (String c : made) {
            docker.run("rm", "-f", c);
        }
    }

    private Docker.Result ok(String... args) throws Exception {
        Docker.Result r = docker.run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    private JsonNode inspect(String name) throws Exception {
        return JSON.readTree(ok("inspect", name).stdout()).get(0);
    }

    private Path containerDir(String name) throws Exception {
        return daemon.dataRoot().resolve("containers").resolve(inspect(name).get("Id").asText());
    }

    @Test
    void jsonFile_isTheDefault_inDockersFormat_andLogsReadsItBack() throws Exception {
        made.add("it-log-json");
        ok("run", "--name", "it-log-json", "busybox", "sh", "-c", "echo out; echo err >&2; printf 'no newline'");
        Docker.Result logs = ok("logs", "it-log-json");
        assertThat(logs.stdout()).isEqualTo("out\nno newline");
        assertThat(logs.stderr()).isEqualTo("err\n");

        JsonNode i = inspect("it-log-json");
        assertThat(i.at("/HostConfig/LogConfig/Type").asText()).isEqualTo("json-file");
        Path logPath = Path.of(i.get("LogPath").asText());
        assertThat(logPath.getFileName().toString()).isEqualTo(i.get("Id").asText() + "-json.log");
        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(logPath)) {
            lines.add(JSON.readTree(l));
        }
        assertThat(lines).extracting(n -> n.get("log").asText() + "|" + n.get("stream").asText())
                .containsExactlyInAnyOrder("out\n|stdout", "err\n|stderr", "no newline|stdout");
        assertThat(lines.getFirst().get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z");
    }

    @Test
    void jsonFile_rotation_50MBWithMaxSize1mAndMaxFile3_leavesThreeFiles_andTheNewestLinesInOrder() throws Exception {
        made.add("it-log-rotate");
        // 500,000 numbered lines of 100 bytes: 50 MB
        ok("run", "--name", "it-log-rotate", "--log-opt", "max-size=1m", "--log-opt", "max-file=3", "busybox",
                "awk", "BEGIN { for (i = 0; i < 500000; i++) printf \"%08d %091d\\n\", i, 0 }");
        Path dir = containerDir("it-log-rotate");
        String id = dir.getFileName().toString();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(id + "-json.log")).sorted())
                    .containsExactly(id + "-json.log", id + "-json.log.1", id + "-json.log.2");
        }
        List<String> lines = ok("logs", "it-log-rotate").stdout().lines().toList();
        assertThat(lines.size()).isBetween(10_000, 40_000); // about 3 MB of JSON lines of ~190 bytes
        int first = Integer.parseInt(lines.getFirst().substring(0, 8));
        for (int k = 0; k < lines.size(); k++) {
            assertThat(lines.get(k)).startsWith("%08d ".formatted(first + k));
        }
        assertThat(first + lines.size() - 1).isEqualTo(499_999);
        assertThat(ok("logs", "--tail", "2", "it-log-rotate").stdout().lines().map(l -> l.substring(0, 8)))
                .containsExactly("00499998", "00499999");
    }

    @Test
    void local_keepsItsOwnFiles_andLogsReadsThem() throws Exception {
        made.add("it-log-local");
        ok("run", "--name", "it-log-local", "--log-driver", "local", "busybox", "sh", "-c", "echo one; echo two >&2");
        Docker.Result logs = ok("logs", "it-log-local");
        assertThat(logs.stdout()).isEqualTo("one\n");
        assertThat(logs.stderr()).isEqualTo("two\n");
        JsonNode i = inspect("it-log-local");
        assertThat(i.at("/HostConfig/LogConfig/Type").asText()).isEqualTo("local");
        assertThat(i.get("LogPath").asText()).isEmpty();
        assertThat(containerDir("it-log-local").resolve("local-logs/container.log")).isNotEmptyFile();
    }

    @Test
    void none_keepsNothing_andLogsSaysSo() throws Exception {
        made.add("it-log-none");
        ok("run", "--name", "it-log-none", "--log-driver", "none", "busybox", "echo", "gone");
        Docker.Result logs = docker.run("logs", "it-log-none");
        assertThat(logs.exitCode()).isNotZero();
        assertThat(logs.stderr()).contains("configured logging driver does not support reading");
        // attach still streams: it does not go through the driver
        Docker.Result attached = ok("run", "--rm", "--log-driver", "none", "busybox", "echo", "attached");
        assertThat(attached.stdout()).isEqualTo("attached\n");
    }

    @Test
    void badDriversAndOptions_areRefusedAtCreate_withDockersWords_andNothingIsMade() throws Exception {
        String before = ok("ps", "-aq").stdout();
        assertThat(docker.run("create", "--log-driver", "nope", "busybox").stderr())
                .contains("logger: no log driver named 'nope' is registered");
        assertThat(docker.run("create", "--log-opt", "bogus=1", "busybox").stderr())
                .contains("unknown log opt 'bogus' for json-file log driver");
        assertThat(docker.run("create", "--log-opt", "max-size=lots", "busybox").stderr()).contains("invalid size: 'lots'");
        assertThat(docker.run("create", "--log-opt", "max-file=0", "--log-opt", "max-size=1m", "busybox").stderr())
                .contains("max-file cannot be less than 1");
        assertThat(docker.run("create", "--log-opt", "mode=sometimes", "busybox").stderr())
                .contains("logging mode not supported: sometimes");
        assertThat(docker.run("create", "--log-driver", "syslog", "--log-opt", "syslog-address=ftp://x", "busybox").stderr())
                .contains("ftp");
        Docker.Result code = docker.run("create", "--log-driver", "nope", "busybox");
        assertThat(code.exitCode()).isNotZero();
        assertThat(ok("ps", "-aq").stdout()).isEqualTo(before);
    }

    @Test
    void syslog_toARealRsyslogd_withTagTemplate_andLogsThroughTheCache() throws Exception {
        try (Rsyslog rsyslog = new Rsyslog()) {
            made.add("it-log-syslog");
            ok("run", "--name", "it-log-syslog", "--log-driver", "syslog",
                    "--log-opt", "syslog-address=tcp://127.0.0.1:" + rsyslog.tcpPort,
                    "--log-opt", "tag={{.Name}}", "--log-opt", "syslog-format=rfc5424",
                    "busybox", "sh", "-c", "echo hello syslog; echo second >&2");
            List<Rsyslog.Received> got = rsyslog.awaitMessages(2);
            assertThat(got).extracting(Rsyslog.Received::msg).containsExactlyInAnyOrder("hello syslog", "second");
            assertThat(got).extracting(Rsyslog.Received::appName).containsOnly("it-log-syslog");
            assertThat(got).extracting(Rsyslog.Received::severity).containsExactlyInAnyOrder(6, 3);
            Docker.Result logs = ok("logs", "it-log-syslog");
            assertThat(logs.stdout()).isEqualTo("hello syslog\n");
            assertThat(logs.stderr()).isEqualTo("second\n");
            assertThat(containerDir("it-log-syslog").resolve("container-cached.log")).isNotEmptyFile();

            made.add("it-log-nocache");
            ok("run", "--name", "it-log-nocache", "--log-driver", "syslog",
                    "--log-opt", "syslog-address=udp://127.0.0.1:" + rsyslog.udpPort,
                    "--log-opt", "cache-disabled=true", "busybox", "echo", "uncached");
            assertThat(rsyslog.awaitMessages(3)).extracting(m -> m.msg().strip()).contains("uncached");
            assertThat(docker.run("logs", "it-log-nocache").stderr())
                    .contains("configured logging driver does not support reading");
        }
    }

    @Test
    void gelf_overUdp_chunkedAndCompressed_withDockersFields() throws Exception {
        try (GelfReceiver gelf = GelfReceiver.udp()) {
            made.add("it-log-gelf");
            String big = "x".repeat(5000);
            ok("run", "--name", "it-log-gelf", "--log-driver", "gelf",
                    "--log-opt", "gelf-address=udp://127.0.0.1:" + gelf.port(), "--log-opt", "gelf-compression-type=none",
                    "busybox", "sh", "-c", "echo small; echo " + big);
            GelfReceiver.Received first = gelf.next();
            GelfReceiver.Received second = gelf.next();
            assertThat(first.json().get("short_message").asText()).isEqualTo("small");
            assertThat(first.json().get("_container_name").asText()).isEqualTo("it-log-gelf");
            assertThat(first.json().get("_image_name").asText()).isEqualTo("busybox");
            assertThat(first.json().get("version").asText()).isEqualTo("1.1");
            assertThat(second.json().get("short_message").asText()).isEqualTo(big);
            assertThat(second.chunks()).isGreaterThan(1);
            assertThat(ok("logs", "it-log-gelf").stdout()).isEqualTo("small\n" + big + "\n");
        }
    }

    @Test
    void fluentd_forwardProtocol_withTag() throws Exception {
        try (ForwardReceiver fluentd = ForwardReceiver.start()) {
            made.add("it-log-fluentd");
            ok("run", "--name", "it-log-fluentd", "--log-driver", "fluentd",
                    "--log-opt", "fluentd-address=127.0.0.1:" + fluentd.port(), "--log-opt", "tag=app.{{.Name}}",
                    "busybox", "sh", "-c", "echo a; echo b; echo c");
            awaitLines(fluentd, 3);
            assertThat(fluentd.lines()).containsExactly("a", "b", "c");
            assertThat(ok("logs", "it-log-fluentd").stdout()).isEqualTo("a\nb\nc\n");
        }
    }

    @Test
    void stoppedLogServer_blocking_theContainerRunsOn_andEveryLineArrivesWhenTheServerReturns() throws Exception {
        try (ForwardReceiver fluentd = ForwardReceiver.start()) {
            made.add("it-log-down");
            ok("run", "-d", "--name", "it-log-down", "--log-driver", "fluentd",
                    "--log-opt", "fluentd-address=127.0.0.1:" + fluentd.port(),
                    "busybox", "sh", "-c", "echo first; until [ -f /go ]; do sleep 0.05; done; i=0; while [ $i -lt 500 ]; do echo line$i; i=$((i+1)); done");
            awaitLines(fluentd, 1);
            fluentd.stop();
            // the container is not held up by the server being away: it writes everything and exits
            ok("exec", "it-log-down", "touch", "/go");
            docker.awaitInspect("it-log-down", "{{.State.Status}}", "exited", 60);
            fluentd.restart();
            awaitLines(fluentd, 501);
            List<String> lines = fluentd.lines();
            assertThat(lines.getFirst()).isEqualTo("first");
            for (int i = 0; i < 500; i++) {
                assertThat(lines.get(i + 1)).isEqualTo("line" + i);
            }
            assertThat(ok("logs", "it-log-down").stdout().lines().count()).isEqualTo(501);
        }
    }

    @Test
    void stoppedLogServer_nonBlockingWithASmallBuffer_dropsAndCountsWhatDidNotFit() throws Exception {
        try (ForwardReceiver fluentd = ForwardReceiver.start()) {
            made.add("it-log-drop");
            ok("run", "-d", "--name", "it-log-drop", "--log-driver", "fluentd",
                    "--log-opt", "fluentd-address=127.0.0.1:" + fluentd.port(),
                    "--log-opt", "mode=non-blocking", "--log-opt", "max-buffer-size=4k",
                    "busybox", "sh", "-c", "echo first; until [ -f /go ]; do sleep 0.05; done; i=0; while [ $i -lt 5000 ]; do echo line$i; i=$((i+1)); done");
            awaitLines(fluentd, 1);
            fluentd.stop();
            ok("exec", "it-log-drop", "touch", "/go");
            docker.awaitInspect("it-log-drop", "{{.State.Status}}", "exited", 60);
            long dropped = inspect("it-log-drop").at("/State/LogDropped").asLong();
            assertThat(dropped).isPositive();
            fluentd.restart();
            // the dual-logging cache is not behind the ring: docker logs has every line
            assertThat(ok("logs", "it-log-drop").stdout().lines().count()).isEqualTo(5001);
        }
    }

    private static void awaitLines(ForwardReceiver r, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (r.lines().size() < count) {
            assertThat(System.nanoTime()).as("waiting for %d lines, got %s", count, r.lines().size()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}

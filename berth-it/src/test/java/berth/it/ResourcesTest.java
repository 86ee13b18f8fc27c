package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Resource limits through the real docker CLI: what {@code run} and {@code update} ask for shows in
 * inspect and in the container's cgroup files on the host (cgroup v1 here), the kernel enforces it
 * (OOM kill, fork limit), {@code docker stats} and the stats API report sane numbers, and bad values
 * get Docker's errors without creating anything.
 */
@ExtendWith(SharedDaemon.class)
class ResourcesTest {
    private static final Path CGROUP = Path.of("/sys/fs/cgroup");
    private static final long MB = 1024 * 1024;
    private final List<String> made = new ArrayList<>();
    private DaemonHarness daemon;
    private Docker docker;

    @BeforeEach
    void setUp(DaemonHarness daemon) {
        this.daemon = daemon;
        this.docker = new Docker(daemon);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (String name : made) {
            docker.run("rm", "-f", name);
        }
    }

    private String runDetached(String name, String... args) throws Exception {
        made.add(name);
        List<String> argv = new ArrayList<>(List.of("run", "-d", "--name", name));
        argv.addAll(List.of(args));
        Docker.Result r = docker.run(argv.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }

    private String inspect(String name, String format) throws Exception {
        Docker.Result r = docker.run("inspect", "-f", format, name);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }

    private static String cgroup(String controller, String id, String file) throws IOException {
        return Files.readString(CGROUP.resolve(controller).resolve("berth").resolve(id).resolve(file)).strip();
    }

    @Test
    void memory_showsInInspectAndInTheCgroup() throws Exception {
        String id = runDetached("it-res-mem", "-m", "64m", "--memory-reservation", "32m", "busybox", "sleep", "600");
        assertThat(inspect("it-res-mem", "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.MemoryReservation}}"))
                .isEqualTo((64 * MB) + " " + (128 * MB) + " " + (32 * MB));
        assertThat(cgroup("memory", id, "memory.limit_in_bytes")).isEqualTo(Long.toString(64 * MB));
        assertThat(cgroup("memory", id, "memory.memsw.limit_in_bytes")).isEqualTo(Long.toString(128 * MB));
        assertThat(cgroup("memory", id, "memory.soft_limit_in_bytes")).isEqualTo(Long.toString(32 * MB));
    }

    @Test
    void allocatingPastTheLimit_isKilledAsOomKilledWith137() throws Exception {
        made.add("it-res-oom");
        Docker.Result r = docker.run("run", "--name", "it-res-oom", "-m", "16m", "--memory-swap", "16m", "busybox",
                "sh", "-c", "tail /dev/zero");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(137);
        assertThat(inspect("it-res-oom", "{{.State.OOMKilled}} {{.State.ExitCode}}")).isEqualTo("true 137");
        // Docker's oom event comes before the die (both are published before the exit is answered)
        Docker.Result events = docker.run("events", "--since", "0", "--until", Long.toString(Instant.now().getEpochSecond() + 1),
                "--filter", "container=it-res-oom", "--filter", "event=oom", "--filter", "event=die", "--format", "{{.Action}}");
        assertThat(events.stdout().lines().toList()).containsExactly("oom", "die");
    }

    @Test
    void anOrdinaryExit_isNotOomKilled() throws Exception {
        made.add("it-res-ok");
        Docker.Result r = docker.run("run", "--name", "it-res-ok", "-m", "16m", "busybox", "sh", "-c", "exit 3");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(inspect("it-res-ok", "{{.State.OOMKilled}}")).isEqualTo("false");
    }

    @Test
    void oomKillDisable_showsInInspectAndTheCgroup() throws Exception {
        String id = runDetached("it-res-nooom", "-m", "32m", "--oom-kill-disable", "busybox", "sleep", "600");
        assertThat(inspect("it-res-nooom", "{{.HostConfig.OomKillDisable}}")).isEqualTo("true");
        assertThat(cgroup("memory", id, "memory.oom_control")).contains("oom_kill_disable 1");
    }

    @Test
    void pidsLimit_stopsAForkLoop() throws Exception {
        String id = runDetached("it-res-pids", "--pids-limit", "10", "busybox", "sh", "-c",
                "(for i in $(seq 1 30); do sleep 600 & done); exec sleep 600");
        assertThat(inspect("it-res-pids", "{{.HostConfig.PidsLimit}}")).isEqualTo("10");
        assertThat(cgroup("pids", id, "pids.max")).isEqualTo("10");
        String logs = "";
        for (int i = 0; i < 50 && !logs.contains("can't fork"); i++) {
            Thread.sleep(100);
            logs = docker.run("logs", "it-res-pids").stderr();
        }
        assertThat(logs).contains("can't fork");
        assertThat(Long.parseLong(cgroup("pids", id, "pids.current"))).isBetween(1L, 10L);
    }

    @Test
    void cpus_sharesAndCpuset_reachTheCgroup() throws Exception {
        String id = runDetached("it-res-cpu", "--cpus", "0.5", "--cpu-shares", "512", "--cpuset-cpus", "0", "busybox",
                "sleep", "600");
        assertThat(inspect("it-res-cpu", "{{.HostConfig.NanoCpus}} {{.HostConfig.CpuShares}} {{.HostConfig.CpusetCpus}}"))
                .isEqualTo("500000000 512 0");
        assertThat(cgroup("cpu", id, "cpu.cfs_period_us")).isEqualTo("100000");
        assertThat(cgroup("cpu", id, "cpu.cfs_quota_us")).isEqualTo("50000");
        assertThat(cgroup("cpu", id, "cpu.shares")).isEqualTo("512");
        assertThat(cgroup("cpuset", id, "cpuset.cpus")).isEqualTo("0");
    }

    @Test
    void update_changesARunningContainersCgroupAndInspect() throws Exception {
        String id = runDetached("it-res-upd", "-m", "64m", "busybox", "sleep", "600");
        Docker.Result tooBig = docker.run("update", "--memory", "256m", "it-res-upd");
        assertThat(tooBig.exitCode()).isNotZero();
        assertThat(tooBig.stderr()).contains("Memory limit should be smaller than already set memoryswap limit, "
                + "update the memoryswap at the same time");

        Docker.Result r = docker.run("update", "--memory", "256m", "--memory-swap", "512m", "--cpus", "1",
                "--pids-limit", "50", "it-res-upd");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(cgroup("memory", id, "memory.limit_in_bytes")).isEqualTo(Long.toString(256 * MB));
        assertThat(cgroup("memory", id, "memory.memsw.limit_in_bytes")).isEqualTo(Long.toString(512 * MB));
        assertThat(cgroup("cpu", id, "cpu.cfs_quota_us")).isEqualTo("100000");
        assertThat(cgroup("pids", id, "pids.max")).isEqualTo("50");
        assertThat(inspect("it-res-upd", "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} "
                + "{{.HostConfig.PidsLimit}}")).isEqualTo((256 * MB) + " " + (512 * MB) + " 1000000000 50");

        assertThat(docker.run("update", "--pids-limit", "-1", "it-res-upd").exitCode()).isZero();
        assertThat(cgroup("pids", id, "pids.max")).isEqualTo("max");
    }

    @Test
    void update_ofAStoppedContainerAppliesAtItsNextStart() throws Exception {
        made.add("it-res-upd-stopped");
        assertThat(docker.run("create", "--name", "it-res-upd-stopped", "busybox", "sleep", "600").exitCode()).isZero();
        Docker.Result r = docker.run("update", "--cpu-shares", "256", "--restart", "on-failure:2", "it-res-upd-stopped");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(inspect("it-res-upd-stopped", "{{.HostConfig.CpuShares}} {{.HostConfig.RestartPolicy.Name}}"))
                .isEqualTo("256 on-failure");
        assertThat(docker.run("start", "it-res-upd-stopped").exitCode()).isZero();
        String id = inspect("it-res-upd-stopped", "{{.Id}}");
        assertThat(cgroup("cpu", id, "cpu.shares")).isEqualTo("256");
    }

    @Test
    void statsNoStream_printsSaneNumbers() throws Exception {
        runDetached("it-res-stats", "-m", "64m", "--cpus", "0.5", "busybox", "sh", "-c", "while :; do :; done");
        Docker.Result r = docker.run("stats", "--no-stream", "--format", "{{.CPUPerc}}|{{.MemUsage}}|{{.PIDs}}",
                "it-res-stats");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String[] cols = r.out().split("\\|");
        assertThat(cols).as(r.out()).hasSize(3);
        double cpu = Double.parseDouble(cols[0].replace("%", ""));
        // a busy loop uses CPU; the percentage is Docker's (delta / system delta × CPUs × 100), never beyond all CPUs
        assertThat(cpu).as(r.out()).isPositive().isLessThanOrEqualTo(100.0 * Runtime.getRuntime().availableProcessors());
        assertThat(cols[1]).as(r.out()).endsWith("/ 64MiB");
        assertThat(Integer.parseInt(cols[2].strip())).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Timeout(120) // a guard against a stream that stalls, not a timing assertion
    void statsApi_keepsStreamingSamplesEachWithThePreviousAsPrecpu() throws Exception {
        String id = runDetached("it-res-stream", "busybox", "sleep", "600");
        List<JsonNode> samples = streamStats(id, 3);
        JsonNode first = samples.getFirst();
        assertThat(first.path("id").asText()).isEqualTo(id);
        assertThat(first.path("name").asText()).isEqualTo("/it-res-stream");
        assertThat(first.path("precpu_stats").path("cpu_usage").path("total_usage").asLong()).isZero();
        for (int i = 1; i < samples.size(); i++) {
            JsonNode prev = samples.get(i - 1);
            JsonNode next = samples.get(i);
            assertThat(Instant.parse(next.path("read").asText())).as("sample %d is read later", i)
                    .isAfter(Instant.parse(prev.path("read").asText()));
            assertThat(next.path("preread").asText()).isEqualTo(prev.path("read").asText());
            assertThat(next.path("precpu_stats").path("system_cpu_usage").asLong())
                    .isEqualTo(prev.path("cpu_stats").path("system_cpu_usage").asLong());
            assertThat(next.path("precpu_stats").path("cpu_usage").path("total_usage").asLong())
                    .isEqualTo(prev.path("cpu_stats").path("cpu_usage").path("total_usage").asLong());
            assertThat(next.path("cpu_stats").path("system_cpu_usage").asLong())
                    .isGreaterThan(prev.path("cpu_stats").path("system_cpu_usage").asLong());
        }
        JsonNode second = samples.get(1);
        assertThat(second.path("cpu_stats").path("online_cpus").asInt()).isPositive();
        assertThat(second.path("memory_stats").path("usage").asLong()).isPositive();
        assertThat(second.path("memory_stats").path("stats").has("total_inactive_file")).isTrue();
        assertThat(second.path("pids_stats").path("current").asLong()).isEqualTo(1);
    }

    @Test
    void statsOfAStoppedContainer_areZeros() throws Exception {
        made.add("it-res-stopped");
        assertThat(docker.run("create", "--name", "it-res-stopped", "busybox", "true").exitCode()).isZero();
        RawHttp.Response r = RawHttp.send(daemon.socket(), "GET", "/containers/it-res-stopped/stats?stream=false", null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode j = new ObjectMapper().readTree(r.body());
        assertThat(j.path("read").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(j.path("name").asText()).isEqualTo("/it-res-stopped");
        assertThat(j.path("cpu_stats").path("cpu_usage").path("total_usage").asLong()).isZero();
    }

    @Test
    void badValues_getDockersErrorsAndCreateNothing() throws Exception {
        String[][] cases = {
            {"-m", "4m"}, {"Minimum memory limit allowed is 6MB"},
            {"-m", "64m", "--memory-swap", "32m"}, {"Minimum memoryswap limit should be larger than memory limit, see usage"},
            {"-m", "32m", "--memory-reservation", "64m"},
                    {"Minimum memory limit can not be less than memory reservation limit, see usage"},
            {"--cpus", "500"}, {"Range of CPUs is from 0.01 to "},
            {"--cpuset-cpus", "500"}, {"Requested CPUs are not available - requested 500, available: "},
            {"--cpuset-cpus", "x"}, {"Invalid value x for cpuset cpus: invalid format: x"},
            {"--cpus", "1", "--cpu-period", "50000"}, {"Conflicting options: Nano CPUs and CPU Period cannot both be set"},
            {"--cpus", "1", "--cpu-quota", "50000"}, {"Conflicting options: Nano CPUs and CPU Quota cannot both be set"},
        };
        for (int i = 0; i < cases.length; i += 2) {
            List<String> argv = new ArrayList<>(List.of("run", "--name", "it-res-bad"));
            argv.addAll(List.of(cases[i]));
            argv.addAll(List.of("busybox", "true"));
            made.add("it-res-bad");
            Docker.Result r = docker.run(argv.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(125);
            assertThat(r.stderr()).as(String.join(" ", cases[i])).contains(cases[i + 1][0]);
            assertThat(docker.run("ps", "-aq", "--filter", "name=it-res-bad").out()).isEmpty();
        }
        Docker.Result missing = docker.run("update", "--cpus", "1", "it-res-no-such");
        assertThat(missing.stderr()).contains("No such container: it-res-no-such");
    }

    @Test
    void update_refusesLimitsBerthCannotApplyAndBadValues() throws Exception {
        made.add("it-res-upd-bad");
        assertThat(docker.run("create", "--name", "it-res-upd-bad", "busybox", "true").exitCode()).isZero();
        RawHttp.Response kernel = RawHttp.send(daemon.socket(), "POST", "/containers/it-res-upd-bad/update",
                "{\"KernelMemory\": 104857600}");
        assertThat(kernel.status()).isEqualTo(501);
        assertThat(kernel.body()).contains("KernelMemory");
        Docker.Result cpuset = docker.run("update", "--cpuset-cpus", "500", "it-res-upd-bad");
        assertThat(cpuset.stderr()).contains("Requested CPUs are not available - requested 500");
        assertThat(inspect("it-res-upd-bad", "{{.HostConfig.CpusetCpus}}")).isEmpty();
    }

    /** Reads the chunked stats stream for {@code millis}, then hangs up; one JSON object per line. */
    /** The first {@code count} samples of the streaming stats endpoint (one JSON document a line). */
    private List<JsonNode> streamStats(String id, int count) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(daemon.socket()));
            ch.write(ByteBuffer.wrap(("GET /v1.41/containers/" + id + "/stats HTTP/1.1\r\nHost: berth\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("HTTP/1.1 200");
            while (out.size() < count) {
                String line = in.readLine();
                assertThat(line).as("the stream ended after %d samples", out.size()).isNotNull();
                if (line.startsWith("{\"read\"")) { // chunk sizes and headers are lines of their own
                    out.add(mapper.readTree(line));
                }
            }
        }
        return out;
    }
}

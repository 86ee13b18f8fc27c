package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker system df}, the prunes and {@code docker info} through the docker CLI 28, with the numbers
 * dockerd 20.10 shows for the same steps (compared side by side on its busybox image). Prunes touch the
 * whole daemon, so each test has its own.
 */
class HousekeepingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path tmp;

    private DaemonHarness daemon;
    private Docker docker;

    @BeforeEach
    void startDaemon() throws Exception {
        daemon = DaemonHarness.start();
        Docker.Result boot = Docker.berth(daemon).run("bootstrap", "busybox");
        assertThat(boot.exitCode()).as(boot + daemon.log()).isZero();
        docker = Builds.cli(daemon);
    }

    @AfterEach
    void stopDaemon() throws Exception {
        daemon.close();
    }

    /**
     * {@code system prune -a} while a build runs: the cached steps the build took and the image it builds on
     * stay, so the build finishes, and a second build after it still finds its cache.
     */
    @Test
    void systemPruneAll_duringABuild_leavesWhatTheBuildUses() throws Exception {
        String nonce = Builds.nonce();
        Path ctx = Builds.write(tmp.resolve("ctx"), "Dockerfile", """
                FROM busybox
                ENV N=%s
                RUN echo cached > /c
                RUN echo waiting; until [ -f /go ]; do sleep 0.1; done; echo slow-done
                """.formatted(nonce));
        // the first build makes the cache for the first three steps; its last step is then changed below
        Path first = Builds.write(tmp.resolve("first"), "Dockerfile", """
                FROM busybox
                ENV N=%s
                RUN echo cached > /c
                """.formatted(nonce));
        ok("build", "-t", "h7-base", first.toString());
        Process build = docker.spawn("build", "-t", "h7-during", ctx.toString());
        StringBuilder seen = new StringBuilder();
        String stepContainer = null;
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(build.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            java.util.regex.Pattern running = java.util.regex.Pattern.compile("Running in ([0-9a-f]{12})");
            for (String line = out.readLine(); line != null && !line.strip().equals("waiting"); line = out.readLine()) {
                seen.append(line).append('\n');
                java.util.regex.Matcher m = running.matcher(line);
                if (m.find()) {
                    stepContainer = m.group(1);
                }
            }
            assertThat(seen.toString()).contains("Using cache");
            assertThat(stepContainer).as(seen.toString()).isNotNull();
            Docker.Result prune = docker.run("system", "prune", "-af");
            assertThat(prune.exitCode()).as(prune.toString()).isZero();
            ok("exec", stepContainer, "touch", "/go");
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                seen.append(line).append('\n');
            }
        } finally {
            build.waitFor();
        }
        assertThat(build.exitValue()).as(seen.toString()).isZero();
        assertThat(seen.toString()).contains("slow-done").contains("Successfully tagged h7-during:latest");
        assertThat(ok("run", "--rm", "h7-during", "cat", "/c").stdout()).isEqualTo("cached\n");
    }

    @Test
    void systemDf_showsSharedAndUniqueSizesWritableLayersAndVolumes() throws Exception {
        long base = imageSize("busybox");
        build("h7-one", "RUN dd if=/dev/zero of=/big bs=1k count=300");
        build("h7-two", "RUN echo hi > /hi");
        ok("run", "--name", "w5", "busybox", "sh", "-c", "dd if=/dev/urandom of=/f bs=1M count=5 && ln /f /g");
        ok("volume", "create", "v1");
        ok("run", "--rm", "-v", "v1:/v", "busybox", "dd", "if=/dev/zero", "of=/v/x", "bs=1k", "count=100");
        ok("run", "-d", "--name", "up", "-v", "v2:/d", "h7-one", "sleep", "1000");

        JsonNode df = api("/v1.41/system/df");
        assertThat(df.path("LayersSize").asLong()).isEqualTo(base + 300 * 1024 + 3);
        Map<String, JsonNode> images = byFirst(df.path("Images"), "RepoTags");
        assertThat(images.get("h7-one:latest").path("Size").asLong()).isEqualTo(base + 300 * 1024);
        assertThat(images.get("h7-one:latest").path("SharedSize").asLong()).isEqualTo(base);
        assertThat(images.get("h7-one:latest").path("Containers").asInt()).isEqualTo(1);
        assertThat(images.get("h7-two:latest").path("SharedSize").asLong()).isEqualTo(base);
        assertThat(images.get("h7-two:latest").path("Containers").asInt()).isZero();
        assertThat(images.get("busybox:latest").path("SharedSize").asLong()).isEqualTo(base);
        assertThat(images.get("busybox:latest").path("Containers").asInt()).isEqualTo(1);
        Map<String, JsonNode> containers = byFirst(df.path("Containers"), "Names");
        // the hard link counts once, as in dockerd
        assertThat(containers.get("/w5").path("SizeRw").asLong()).isEqualTo(5 * MIB);
        assertThat(containers.get("/w5").path("SizeRootFs").asLong()).isEqualTo(base + 5 * MIB);
        assertThat(containers.get("/up").has("SizeRw")).as("dockerd leaves a 0 SizeRw out").isFalse();
        assertThat(containers.get("/up").path("SizeRootFs").asLong()).isEqualTo(base + 300 * 1024);
        Map<String, JsonNode> volumes = byField(df.path("Volumes"), "Name");
        assertThat(volumes.get("v1").path("UsageData").path("Size").asLong()).isEqualTo(100 * 1024);
        assertThat(volumes.get("v1").path("UsageData").path("RefCount").asInt()).isZero();
        assertThat(volumes.get("v2").path("UsageData").path("RefCount").asInt()).isEqualTo(1);

        Map<String, JsonNode> summary = new HashMap<>();
        for (String line : ok("system", "df", "--format", "{{json .}}").out().split("\n")) {
            JsonNode row = JSON.readTree(line);
            summary.put(row.path("Type").asText(), row);
        }
        assertThat(summary.get("Images").path("TotalCount").asText()).isEqualTo("3");
        assertThat(summary.get("Images").path("Active").asText()).isEqualTo("2");
        assertThat(summary.get("Images").path("Size").asText()).isEqualTo(humanSize(base + 300 * 1024 + 3));
        assertThat(summary.get("Containers").path("Size").asText()).isEqualTo("5.243MB");
        assertThat(summary.get("Containers").path("Reclaimable").asText()).isEqualTo("5.243MB (100%)");
        assertThat(summary.get("Local Volumes").path("Active").asText()).isEqualTo("1");
        assertThat(summary.get("Local Volumes").path("Reclaimable").asText()).isEqualTo("102.4kB (100%)");

        JsonNode verbose = JSON.readTree(ok("system", "df", "-v", "--format", "json").out());
        Map<String, JsonNode> rows = byField(verbose.path("Containers"), "Names");
        assertThat(rows.get("w5").path("Size").asText()).as("the verbose table has three digits").isEqualTo("5.24MB");
        assertThat(rows.get("up").path("LocalVolumes").asText()).isEqualTo("1");
        Map<String, JsonNode> imageRows = byField(verbose.path("Images"), "Repository");
        assertThat(imageRows.get("h7-one").path("UniqueSize").asText()).isEqualTo("307.2kB");
        assertThat(imageRows.get("h7-two").path("UniqueSize").asText()).isEqualTo("3B");
    }

    @Test
    void prunes_reportTheSpaceTheyReclaimed() throws Exception {
        ok("create", "--name", "keeps-busybox", "busybox", "true");
        ok("run", "--name", "wrote2m", "busybox", "dd", "if=/dev/zero", "of=/f", "bs=1M", "count=2");
        Docker.Result containers = ok("container", "prune", "-f");
        assertThat(containers.out()).contains("Total reclaimed space: 2.097MB");
        assertThat(ok("ps", "-a", "--format", "{{.Names}}").out()).isEmpty();

        ok("create", "--name", "keeps-busybox", "busybox", "true");
        build("h7-gone", "RUN dd if=/dev/zero of=/b bs=1k count=400");
        Docker.Result images = ok("image", "prune", "-a", "-f");
        assertThat(images.out()).contains("untagged: h7-gone:latest").contains("Total reclaimed space: 409.6kB");
        assertThat(ok("images", "--format", "{{.Repository}}").out()).isEqualTo("busybox");

        ok("volume", "create", "named");
        ok("run", "--rm", "-v", "named:/v", "busybox", "dd", "if=/dev/zero", "of=/v/x", "bs=1k", "count=50");
        ok("run", "--name", "anon", "-v", "/anon", "busybox", "dd", "if=/dev/zero", "of=/anon/z", "bs=1k", "count=300");
        ok("rm", "anon");
        Docker.Result volumes = ok("volume", "prune", "-f");
        // API 1.42 and later (the CLI's 1.50) prune anonymous volumes only, unless --all
        assertThat(volumes.out()).contains("Total reclaimed space: 307.2kB");
        assertThat(ok("volume", "ls", "-q").out()).isEqualTo("named");
        assertThat(ok("volume", "prune", "-a", "-f").out()).contains("named").contains("Total reclaimed space: 51.2kB");

        ok("network", "create", "h7-net");
        Docker.Result networks = ok("network", "prune", "-f");
        assertThat(networks.out()).contains("Deleted Networks:\nh7-net");
        assertThat(ok("network", "ls", "--format", "{{.Name}}").out().split("\n")).doesNotContain("h7-net");

        Docker.Result cache = ok("builder", "prune", "-a", "-f");
        assertThat(cache.out()).contains("Total reclaimed space:");
    }

    @Test
    void systemPruneAllWithVolumes_keepsWhatIsInUse() throws Exception {
        build("h7-run", "RUN echo run > /r");
        build("h7-unused", "RUN dd if=/dev/zero of=/u bs=1k count=200");
        String up = ok("run", "-d", "--name", "up", "-v", "inuse:/data", "-v", "/anonrun", "h7-run", "sleep", "1000").out();
        ok("run", "--name", "old", "busybox", "dd", "if=/dev/zero", "of=/f", "bs=1M", "count=1");
        ok("run", "--name", "anon", "-v", "/anon", "busybox", "dd", "if=/dev/zero", "of=/anon/z", "bs=1k", "count=100");
        ok("rm", "anon");
        ok("network", "create", "h7-unused-net");
        String anonInUse = ok("inspect", "-f", "{{range .Mounts}}{{if eq .Destination \"/anonrun\"}}{{.Name}}{{end}}{{end}}", "up").out();

        Docker.Result prune = ok("system", "prune", "-a", "-f", "--volumes");

        assertThat(prune.out()).contains("Deleted Containers:").contains("Deleted Networks:\nh7-unused-net")
                .contains("Deleted Volumes:").contains("untagged: h7-unused:latest")
                .contains("Total reclaimed space: " + humanSize(MIB + 200 * 1024 + 100 * 1024));
        assertThat(ok("inspect", "-f", "{{.State.Running}}", "up").out()).isEqualTo("true");
        assertThat(ok("ps", "-aq", "--no-trunc").out()).isEqualTo(up);
        // as dockerd: busybox is untagged, and kept as the base of the image the running container uses
        assertThat(prune.out()).contains("untagged: busybox:latest");
        assertThat(ok("images", "--format", "{{.Repository}}").out()).isEqualTo("h7-run");
        assertThat(ok("volume", "ls", "-q").out().split("\n")).containsExactlyInAnyOrder("inuse", anonInUse);
        assertThat(ok("exec", "up", "cat", "/r").out()).isEqualTo("run");
    }

    @Test
    void systemPrune_honoursLabelAndUntilFilters() throws Exception {
        ok("create", "--name", "labelled", "--label", "h7=drop", "busybox", "true");
        ok("create", "--name", "plain", "busybox", "true");
        ok("network", "create", "--label", "h7=drop", "h7-labelled-net");
        ok("network", "create", "h7-plain-net");

        Docker.Result byLabel = ok("system", "prune", "-f", "--filter", "label=h7=drop");

        assertThat(byLabel.out()).contains("h7-labelled-net").doesNotContain("h7-plain-net");
        assertThat(names()).containsExactly("plain");
        assertThat(ok("network", "ls", "--format", "{{.Name}}").out().split("\n")).contains("h7-plain-net")
                .doesNotContain("h7-labelled-net");

        Instant cutoff = Instant.parse(ok("inspect", "-f", "{{.Created}}", "plain").out()).plusNanos(1000);
        Instant netCutoff = Instant.parse(ok("network", "inspect", "-f", "{{json .Created}}", "h7-plain-net").out().replace("\"", ""));
        ok("create", "--name", "newer", "busybox", "true");
        ok("network", "create", "h7-newer-net");
        String until = (cutoff.isAfter(netCutoff) ? cutoff : netCutoff.plusNanos(1000)).toString();

        Docker.Result byTime = ok("system", "prune", "-f", "--filter", "until=" + until);

        assertThat(byTime.out()).contains("h7-plain-net").doesNotContain("h7-newer-net");
        assertThat(names()).containsExactly("newer");
        Docker.Result refused = docker.run("system", "prune", "-f", "--volumes", "--filter", "until=1h");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stdout() + refused.stderr()).contains("The \"until\" filter is not supported with \"--volumes\"");
    }

    @Test
    void info_showsWhatDocker2010Shows() throws Exception {
        ok("run", "-d", "--name", "up", "busybox", "sleep", "1000");
        ok("create", "--name", "stopped", "busybox", "true");
        build("h7-info", "RUN echo x > /x");

        JsonNode info = JSON.readTree(ok("info", "--format", "{{json .}}").out());

        assertThat(info.path("Containers").asInt()).isEqualTo(2);
        assertThat(info.path("ContainersRunning").asInt()).isEqualTo(1);
        assertThat(info.path("ContainersStopped").asInt()).isEqualTo(1);
        assertThat(info.path("Images").asInt()).isEqualTo(2);
        assertThat(info.path("Driver").asText()).isEqualTo("overlay2");
        assertThat(info.path("DriverStatus").toString()).contains("[\"Backing Filesystem\",").contains("[\"userxattr\",\"false\"]");
        assertThat(texts(info.path("Plugins").path("Volume"))).containsExactly("local");
        assertThat(texts(info.path("Plugins").path("Network"))).contains("bridge", "host", "null", "macvlan", "ipvlan");
        assertThat(texts(info.path("Plugins").path("Log"))).contains("json-file", "local", "syslog", "gelf", "fluentd", "journald")
                .doesNotContain("none").isSorted();
        assertThat(info.path("Swarm").path("LocalNodeState").asText()).isEqualTo("inactive");
        assertThat(info.path("Runtimes").has("runc")).isTrue();
        assertThat(info.path("DefaultRuntime").asText()).isEqualTo("runc");
        assertThat(info.path("SecurityOptions").toString()).contains("name=seccomp,profile=default");
        assertThat(info.path("CgroupDriver").asText()).isEqualTo("cgroupfs");
        assertThat(info.path("CgroupVersion").asText())
                .isEqualTo(Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "2" : "1");
        assertThat(info.path("MemoryLimit").asBoolean())
                .isEqualTo(Files.exists(Path.of("/sys/fs/cgroup/memory/memory.limit_in_bytes"))
                        || Files.readString(Path.of("/sys/fs/cgroup/cgroup.controllers")).contains("memory"));
        assertThat(info.path("IPv4Forwarding").asBoolean())
                .isEqualTo(Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip().equals("1"));
        String runcCommit = new String(new ProcessBuilder("runc", "--version").start().getInputStream().readAllBytes())
                .lines().filter(l -> l.startsWith("commit: ")).findFirst().orElse("commit: ").substring("commit: ".length());
        assertThat(info.path("RuncCommit").path("ID").asText()).isEqualTo(runcCommit);
        assertThat(info.path("NFd").asInt()).isPositive();
        assertThat(info.path("NGoroutines").asInt()).isPositive();
        assertThat(info.path("DockerRootDir").asText()).isEqualTo(daemon.dataRoot().toString());

        Process events = docker.spawn("events");
        try {
            assertThat(awaitEventsListeners(1)).isEqualTo(1);
        } finally {
            events.destroy();
            events.waitFor();
        }

        String text = ok("info").out();
        assertThat(text).contains("Storage Driver: overlay2").contains("Swarm: inactive")
                .contains("Logging Driver: json-file").contains(" Log: fluentd gelf journald json-file local syslog");
    }

    // ---- helpers ----

    private Docker.Result ok(String... args) throws Exception {
        Docker.Result r = docker.run(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isZero();
        return r;
    }

    /** Builds {@code FROM busybox} plus {@code step} as {@code tag}. */
    private void build(String tag, String step) throws Exception {
        Path ctx = Builds.write(Files.createTempDirectory(tmp, tag), "Dockerfile", "FROM busybox\n" + step + "\n");
        ok("build", "-q", "-t", tag, ctx.toString());
    }

    private long imageSize(String ref) throws Exception {
        return Long.parseLong(ok("image", "inspect", "-f", "{{.Size}}", ref).out());
    }

    private JsonNode api(String path) throws Exception {
        RawHttp.Response r = RawHttp.send(daemon.socket(), "GET", path, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private List<String> names() throws Exception {
        String out = ok("ps", "-a", "--format", "{{.Names}}").out();
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    /** Polls /info until NEventsListener is {@code wanted} (a subscription is registered asynchronously). */
    private int awaitEventsListeners(int wanted) throws Exception {
        int seen = -1;
        for (int i = 0; i < 200 && seen != wanted; i++) {
            seen = api("/v1.41/info").path("NEventsListener").asInt();
            if (seen != wanted) {
                Thread.sleep(50);
            }
        }
        return seen;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, JsonNode> byFirst(JsonNode array, String listField) {
        Map<String, JsonNode> out = new HashMap<>();
        array.forEach(n -> out.put(n.path(listField).path(0).asText(), n));
        return out;
    }

    private static Map<String, JsonNode> byField(JsonNode array, String field) {
        Map<String, JsonNode> out = new HashMap<>();
        array.forEach(n -> out.put(n.path(field).asText(), n));
        return out;
    }

    /** The docker CLI's units.HumanSize: decimal units, four significant digits, no trailing zeros. */
    static String humanSize(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        BigDecimal v = BigDecimal.valueOf(bytes);
        int u = 0;
        while (v.compareTo(BigDecimal.valueOf(1000)) >= 0 && u < units.length - 1) {
            v = v.divide(BigDecimal.valueOf(1000));
            u++;
        }
        return v.round(new MathContext(4)).stripTrailingZeros().toPlainString() + units[u];
    }
}

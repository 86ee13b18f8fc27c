package berth.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.cli.CliException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The create body the flags make, compared with what docker CLI 28 sent for the same flags. */
class CreateOptionsTest {
    private static ObjectNode body(String... args) {
        CreateCommand c = new CreateCommand();
        new CommandLine(c).setStopAtPositional(true).parseArgs(args);
        return c.options.body("create", false, Map.of("HOME", "/root"));
    }

    @Test
    void resourceFlags_becomeHostConfigFields() {
        JsonNode hc = body("-m", "64m", "--memory-swap", "128m", "--memory-reservation", "32m", "--cpus", "1.5", "-c", "512",
                "--cpu-period", "100000", "--cpu-quota", "50000", "--cpuset-cpus", "0-1", "--cpuset-mems", "0",
                "--pids-limit", "100", "--oom-kill-disable", "--shm-size", "128m", "busybox").path("HostConfig");
        assertThat(hc.path("Memory").asLong()).isEqualTo(67108864);
        assertThat(hc.path("MemorySwap").asLong()).isEqualTo(134217728);
        assertThat(hc.path("MemoryReservation").asLong()).isEqualTo(33554432);
        assertThat(hc.path("NanoCpus").asLong()).isEqualTo(1500000000);
        assertThat(hc.path("CpuShares").asLong()).isEqualTo(512);
        assertThat(hc.path("CpuPeriod").asLong()).isEqualTo(100000);
        assertThat(hc.path("CpuQuota").asLong()).isEqualTo(50000);
        assertThat(hc.path("CpusetCpus").asText()).isEqualTo("0-1");
        assertThat(hc.path("CpusetMems").asText()).isEqualTo("0");
        assertThat(hc.path("PidsLimit").asLong()).isEqualTo(100);
        assertThat(hc.path("OomKillDisable").asBoolean()).isTrue();
        assertThat(hc.path("ShmSize").asLong()).isEqualTo(134217728);
    }

    @Test
    void securityAndNamespaceFlags_areSentAsDockerSendsThem() {
        JsonNode hc = body("--cap-add", "net_admin", "--cap-drop", "MKNOD", "--privileged", "--read-only",
                "--security-opt", "no-new-privileges", "--group-add", "10", "--init", "--ipc", "private", "--pid", "host",
                "--uts", "host", "--device", "/dev/null:/dev/mynull:rw", "--ulimit", "nofile=100:200", "busybox").path("HostConfig");
        assertThat(hc.path("CapAdd").toString()).isEqualTo("[\"CAP_NET_ADMIN\"]");
        assertThat(hc.path("CapDrop").toString()).isEqualTo("[\"CAP_MKNOD\"]");
        assertThat(hc.path("Privileged").asBoolean()).isTrue();
        assertThat(hc.path("ReadonlyRootfs").asBoolean()).isTrue();
        assertThat(hc.path("SecurityOpt").toString()).isEqualTo("[\"no-new-privileges\"]");
        assertThat(hc.path("GroupAdd").toString()).isEqualTo("[\"10\"]");
        assertThat(hc.path("Init").asBoolean()).isTrue();
        assertThat(hc.path("IpcMode").asText()).isEqualTo("private");
        assertThat(hc.path("PidMode").asText()).isEqualTo("host");
        assertThat(hc.path("UTSMode").asText()).isEqualTo("host");
        assertThat(hc.path("Devices").toString())
                .isEqualTo("[{\"PathOnHost\":\"/dev/null\",\"PathInContainer\":\"/dev/mynull\",\"CgroupPermissions\":\"rw\"}]");
        assertThat(hc.path("Ulimits").toString()).isEqualTo("[{\"Name\":\"nofile\",\"Hard\":200,\"Soft\":100}]");
    }

    @Test
    void mountsDnsAndRestart_areSentAsDockerSendsThem() {
        ObjectNode b = body("-v", "/tmp:/h:ro", "-v", "/anon", "--mount", "type=tmpfs,target=/tm,tmpfs-size=1m",
                "--tmpfs", "/run:size=1m", "--tmpfs", "/t", "--add-host", "foo:1.2.3.4", "--dns", "8.8.8.8",
                "--dns-search", "example.com", "--dns-option", "ndots:2", "--sysctl", "net.ipv4.ip_forward=1",
                "--restart", "on-failure:3", "busybox");
        JsonNode hc = b.path("HostConfig");
        assertThat(hc.path("Binds").toString()).isEqualTo("[\"/tmp:/h:ro\"]");
        assertThat(b.path("Volumes").toString()).isEqualTo("{\"/anon\":{}}");
        assertThat(hc.path("Mounts").get(0).path("TmpfsOptions").path("SizeBytes").asLong()).isEqualTo(1048576);
        assertThat(hc.path("Tmpfs").toString()).isEqualTo("{\"/run\":\"size=1m\",\"/t\":\"\"}");
        assertThat(hc.path("ExtraHosts").toString()).isEqualTo("[\"foo:1.2.3.4\"]");
        assertThat(hc.path("Dns").toString()).isEqualTo("[\"8.8.8.8\"]");
        assertThat(hc.path("DnsSearch").toString()).isEqualTo("[\"example.com\"]");
        assertThat(hc.path("DnsOptions").toString()).isEqualTo("[\"ndots:2\"]");
        assertThat(hc.path("Sysctls").toString()).isEqualTo("{\"net.ipv4.ip_forward\":\"1\"}");
        assertThat(hc.path("RestartPolicy").toString()).isEqualTo("{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}");
        assertThat(body("busybox").path("HostConfig").path("RestartPolicy").path("Name").asText()).isEqualTo("no");
    }

    @Test
    void healthAndStopFlags_goIntoConfig() {
        ObjectNode b = body("--health-cmd", "echo hi", "--health-interval", "1m30s", "--health-timeout", "5s",
                "--health-retries", "2", "--health-start-period", "1s", "--stop-signal", "SIGUSR1", "--stop-timeout", "7", "busybox");
        assertThat(b.path("Healthcheck").toString()).isEqualTo("{\"Test\":[\"CMD-SHELL\",\"echo hi\"],\"Interval\":90000000000,"
                + "\"Timeout\":5000000000,\"StartPeriod\":1000000000,\"Retries\":2}");
        assertThat(b.path("StopSignal").asText()).isEqualTo("SIGUSR1");
        assertThat(b.path("StopTimeout").asInt()).isEqualTo(7);
        assertThat(body("--no-healthcheck", "busybox").path("Healthcheck").toString()).isEqualTo("{\"Test\":[\"NONE\"]}");
        assertThat(body("busybox").has("Healthcheck")).isFalse();
    }

    @Test
    void envFileEntries_comeBeforeDashE(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("env.list");
        java.nio.file.Files.writeString(f, "A=1\n# c\nHOME\nC=x y\n");
        assertThat(body("--env-file", f.toString(), "-e", "D=2", "busybox").path("Env").toString())
                .isEqualTo("[\"A=1\",\"HOME=/root\",\"C=x y\",\"D=2\"]");
    }

    @Test
    void badValues_endWithDockersMessageAndExit125() {
        assertThatThrownBy(() -> body("-m", "64x", "busybox")).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(125);
            assertThat(e.getMessage()).startsWith("invalid argument \"64x\" for \"-m, --memory\" flag: invalid suffix: 'x'")
                    .endsWith("Run 'berth create --help' for more information");
        });
        assertThatThrownBy(() -> body("--ulimit", "foo=1", "busybox"))
                .hasMessageStartingWith("invalid argument \"foo=1\" for \"--ulimit\" flag: invalid ulimit type: foo");
        assertThatThrownBy(() -> body("--restart", "on-failure:x", "busybox"))
                .hasMessageStartingWith("berth: invalid restart policy format: maximum retry count must be an integer");
        assertThatThrownBy(() -> body("--no-healthcheck", "--health-cmd", "x", "busybox"))
                .hasMessageStartingWith("berth: --no-healthcheck conflicts with --health-* options");
        assertThatThrownBy(() -> body("--health-interval", "-1s", "busybox"))
                .hasMessageStartingWith("berth: --health-interval cannot be negative");
        assertThatThrownBy(() -> body("--stop-timeout", "x", "busybox"))
                .hasMessageStartingWith("invalid argument \"x\" for \"--stop-timeout\" flag: strconv.ParseInt: parsing \"x\": invalid syntax");
    }
}

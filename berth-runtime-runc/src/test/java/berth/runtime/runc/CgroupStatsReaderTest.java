package berth.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.container.ContainerStats;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupStatsReaderTest {
    private static final String GROUP = "/berth/abc";
    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05.123456789Z");

    @TempDir
    Path root;
    Path cgroups;
    Path proc;

    @BeforeEach
    void procFiles() throws IOException {
        cgroups = Files.createDirectories(root.resolve("cgroup"));
        proc = Files.createDirectories(root.resolve("proc"));
        write(proc.resolve("stat"), """
                cpu  100 5 50 1000 20 3 2 7 0 0
                cpu0 50 2 25 500 10 1 1 3 0 0
                cpu1 50 3 25 500 10 2 1 4 0 0
                intr 12345
                ctxt 999
                """);
        write(proc.resolve("meminfo"), "MemTotal:        2048000 kB\nMemFree:          100 kB\n");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Path v1(String controller) {
        return cgroups.resolve(controller).resolve("berth/abc");
    }

    @Test
    void v1_readsCpuMemoryPidsAndBlkio() throws IOException {
        write(v1("cpuacct").resolve("cpuacct.usage"), "123456789\n");
        write(v1("cpuacct").resolve("cpuacct.usage_percpu"), "100000000 23456789 \n");
        write(v1("cpuacct").resolve("cpuacct.stat"), "user 7\nsystem 3\n");
        write(v1("cpu").resolve("cpu.stat"), "nr_periods 10\nnr_throttled 4\nthrottled_time 5000\n");
        write(v1("memory").resolve("memory.usage_in_bytes"), "4096000\n");
        write(v1("memory").resolve("memory.max_usage_in_bytes"), "5000000\n");
        write(v1("memory").resolve("memory.limit_in_bytes"), "67108864\n");
        write(v1("memory").resolve("memory.failcnt"), "2\n");
        write(v1("memory").resolve("memory.stat"), "cache 1024\nrss 2048\ntotal_inactive_file 512\n");
        write(v1("pids").resolve("pids.current"), "3\n");
        write(v1("pids").resolve("pids.max"), "max\n");
        write(v1("blkio").resolve("blkio.throttle.io_service_bytes"), "8:0 Read 4096\n8:0 Write 8192\nTotal 12288\n");
        write(v1("blkio").resolve("blkio.throttle.io_serviced"), "8:0 Read 1\n8:0 Write 2\nTotal 3\n");

        ContainerStats s = new CgroupStatsReader(cgroups, proc).read(GROUP, NOW);

        assertThat(s.read()).isEqualTo(NOW);
        ContainerStats.Cpu cpu = s.cpu();
        assertThat(cpu.totalUsage()).isEqualTo(123456789);
        assertThat(cpu.perCpuUsage()).containsExactly(100000000L, 23456789L);
        assertThat(cpu.userModeUsage()).isEqualTo(70_000_000);
        assertThat(cpu.kernelModeUsage()).isEqualTo(30_000_000);
        // (100+5+50+1000+20+3+2) ticks of 10 ms; steal (7) is not counted, as in Docker
        assertThat(cpu.systemUsage()).isEqualTo(1180L * 10_000_000);
        assertThat(cpu.onlineCpus()).isEqualTo(2);
        assertThat(cpu.periods()).isEqualTo(10);
        assertThat(cpu.throttledPeriods()).isEqualTo(4);
        assertThat(cpu.throttledTime()).isEqualTo(5000);
        assertThat(s.memory()).isEqualTo(new ContainerStats.Memory(4096000, 5000000, 67108864, 2,
                java.util.Map.of("cache", 1024L, "rss", 2048L, "total_inactive_file", 512L)));
        assertThat(s.pids()).isEqualTo(new ContainerStats.Pids(3, 0));
        assertThat(s.blkio().serviceBytes()).containsExactly(
                new ContainerStats.BlkioEntry(8, 0, "Read", 4096), new ContainerStats.BlkioEntry(8, 0, "Write", 8192));
        assertThat(s.blkio().serviced()).hasSize(2);
    }

    @Test
    void v1_showsTheHostsMemoryForAContainerWithoutALimit() throws IOException {
        write(v1("memory").resolve("memory.limit_in_bytes"), "9223372036854771712\n");
        ContainerStats s = new CgroupStatsReader(cgroups, proc).read(GROUP, NOW);
        assertThat(s.memory().limit()).isEqualTo(2048000L * 1024);
        assertThat(s.cpu().totalUsage()).isZero();
    }

    @Test
    void v1_missingGroupMeansNotRunning() {
        assertThatThrownBy(() -> new CgroupStatsReader(cgroups, proc).read(GROUP, NOW))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
    }

    @Test
    void v2_readsTheUnifiedGroup() throws IOException {
        write(cgroups.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        Path g = cgroups.resolve("berth/abc");
        write(g.resolve("cpu.stat"), "usage_usec 2000\nuser_usec 1500\nsystem_usec 500\nnr_periods 3\nnr_throttled 1\n"
                + "throttled_usec 40\n");
        write(g.resolve("memory.current"), "1000000\n");
        write(g.resolve("memory.max"), "max\n");
        write(g.resolve("memory.stat"), "anon 4096\ninactive_file 100\n");
        write(g.resolve("memory.events"), "low 0\nhigh 0\nmax 5\noom 1\noom_kill 1\n");
        write(g.resolve("pids.current"), "2\n");
        write(g.resolve("pids.max"), "64\n");
        write(g.resolve("io.stat"), "8:0 rbytes=4096 wbytes=0 rios=1 wios=0 dbytes=0 dios=0\n");

        ContainerStats s = new CgroupStatsReader(cgroups, proc).read(GROUP, NOW);

        assertThat(s.cpu().totalUsage()).isEqualTo(2_000_000);
        assertThat(s.cpu().userModeUsage()).isEqualTo(1_500_000);
        assertThat(s.cpu().kernelModeUsage()).isEqualTo(500_000);
        assertThat(s.cpu().perCpuUsage()).isEmpty();
        assertThat(s.cpu().throttledTime()).isEqualTo(40_000);
        assertThat(s.memory().usage()).isEqualTo(1000000);
        assertThat(s.memory().limit()).isEqualTo(2048000L * 1024);
        assertThat(s.memory().failcnt()).isEqualTo(5);
        assertThat(s.memory().stats()).containsEntry("inactive_file", 100L);
        assertThat(s.pids()).isEqualTo(new ContainerStats.Pids(2, 64));
        assertThat(s.blkio().serviceBytes()).containsExactly(
                new ContainerStats.BlkioEntry(8, 0, "read", 4096), new ContainerStats.BlkioEntry(8, 0, "write", 0));
    }
}

package berth.runtime.runc;

import berth.container.ContainerStats;
import berth.errors.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads one sample of a container's counters from its cgroup files, the numbers {@code docker
 * stats} is computed from.
 *
 * <p>Where they are: on a cgroup v1 (or hybrid) host each controller has its own tree, so the
 * container's group is {@code <root>/<controller>/berth/<id>} (cpuacct, cpu, memory, pids, blkio);
 * on a pure v2 host (cgroup.controllers at the root) it is one directory {@code <root>/berth/<id>}.
 * The host's side comes from /proc: the total CPU time since boot ({@code system_cpu_usage}, in
 * nanoseconds as Docker computes it: the first seven fields of /proc/stat's "cpu" line in 1/100 s
 * ticks), the online CPUs, and the memory size that stands in for "no limit".
 */
final class CgroupStatsReader {
    /** USER_HZ: the unit of /proc/stat and cpuacct.stat on every Linux architecture we run on. */
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;

    private final Path cgroupRoot;
    private final Path proc;

    /** @param cgroupRoot /sys/fs/cgroup; {@code proc} /proc (both replaceable by fixture trees in tests) */
    CgroupStatsReader(Path cgroupRoot, Path proc) {
        this.cgroupRoot = cgroupRoot;
        this.proc = proc;
    }

    /**
     * Samples the group at {@code cgroupPath} (like "/berth/&lt;id&gt;"). CONFLICT when it does not
     * exist (the container is not running); INTERNAL when a file cannot be read.
     */
    ContainerStats read(String cgroupPath, Instant now) {
        String rel = cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath;
        try {
            HostCpu host = hostCpu();
            long machineMemory = machineMemory();
            if (Files.exists(cgroupRoot.resolve("cgroup.controllers"))) {
                return v2(cgroupRoot.resolve(rel), host, machineMemory, now);
            }
            return v1(rel, host, machineMemory, now);
        } catch (IOException e) {
            throw BerthException.internal("cannot read the cgroup statistics of " + cgroupPath + ": " + e.getMessage(), e);
        }
    }

    private record HostCpu(long systemUsage, int onlineCpus) {}

    private ContainerStats v1(String rel, HostCpu host, long machineMemory, Instant now) throws IOException {
        Path memory = cgroupRoot.resolve("memory").resolve(rel);
        if (!Files.isDirectory(memory) && !Files.isDirectory(cgroupRoot.resolve("cpuacct").resolve(rel))) {
            throw BerthException.conflict("no cgroup for /" + rel + ": the container is not running");
        }
        Path cpuacct = cgroupRoot.resolve("cpuacct").resolve(rel);
        Map<String, Long> ticks = keyValues(cpuacct.resolve("cpuacct.stat"));
        Map<String, Long> cpuStat = keyValues(cgroupRoot.resolve("cpu").resolve(rel).resolve("cpu.stat"));
        ContainerStats.Cpu cpu = new ContainerStats.Cpu(
                number(cpuacct.resolve("cpuacct.usage")).orElse(0),
                perCpu(cpuacct.resolve("cpuacct.usage_percpu")),
                ticks.getOrDefault("system", 0L) * NANOS_PER_TICK,
                ticks.getOrDefault("user", 0L) * NANOS_PER_TICK,
                host.systemUsage(), host.onlineCpus(),
                cpuStat.getOrDefault("nr_periods", 0L),
                cpuStat.getOrDefault("nr_throttled", 0L),
                cpuStat.getOrDefault("throttled_time", 0L));
        long limit = number(memory.resolve("memory.limit_in_bytes")).orElse(Long.MAX_VALUE);
        ContainerStats.Memory mem = new ContainerStats.Memory(
                number(memory.resolve("memory.usage_in_bytes")).orElse(0),
                number(memory.resolve("memory.max_usage_in_bytes")).orElse(0),
                capped(limit, machineMemory),
                number(memory.resolve("memory.failcnt")).orElse(0),
                keyValues(memory.resolve("memory.stat")));
        Path pids = cgroupRoot.resolve("pids").resolve(rel);
        Path blkio = cgroupRoot.resolve("blkio").resolve(rel);
        ContainerStats.Blkio io = new ContainerStats.Blkio(
                blkioV1(blkio, "blkio.throttle.io_service_bytes"),
                blkioV1(blkio, "blkio.throttle.io_serviced"));
        return new ContainerStats(now, cpu, mem,
                new ContainerStats.Pids(number(pids.resolve("pids.current")).orElse(0),
                        number(pids.resolve("pids.max")).orElse(0)),
                io);
    }

    private ContainerStats v2(Path dir, HostCpu host, long machineMemory, Instant now) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw BerthException.conflict("no cgroup at " + dir + ": the container is not running");
        }
        Map<String, Long> cpuStat = keyValues(dir.resolve("cpu.stat"));
        ContainerStats.Cpu cpu = new ContainerStats.Cpu(
                cpuStat.getOrDefault("usage_usec", 0L) * 1000, List.of(),
                cpuStat.getOrDefault("system_usec", 0L) * 1000,
                cpuStat.getOrDefault("user_usec", 0L) * 1000,
                host.systemUsage(), host.onlineCpus(),
                cpuStat.getOrDefault("nr_periods", 0L),
                cpuStat.getOrDefault("nr_throttled", 0L),
                cpuStat.getOrDefault("throttled_usec", 0L) * 1000);
        long limit = number(dir.resolve("memory.max")).orElse(Long.MAX_VALUE);
        ContainerStats.Memory mem = new ContainerStats.Memory(
                number(dir.resolve("memory.current")).orElse(0),
                number(dir.resolve("memory.peak")).orElse(0),
                capped(limit, machineMemory),
                keyValues(dir.resolve("memory.events")).getOrDefault("max", 0L),
                keyValues(dir.resolve("memory.stat")));
        List<ContainerStats.BlkioEntry> bytes = new ArrayList<>();
        List<ContainerStats.BlkioEntry> ops = new ArrayList<>();
        for (String line : lines(dir.resolve("io.stat"))) {
            String[] f = line.trim().split("\\s+");
            String[] dev = f[0].split(":");
            if (dev.length != 2) {
                continue;
            }
            long major = Long.parseLong(dev[0]);
            long minor = Long.parseLong(dev[1]);
            Map<String, Long> kv = new LinkedHashMap<>();
            for (int i = 1; i < f.length; i++) {
                int eq = f[i].indexOf('=');
                if (eq > 0) {
                    kv.put(f[i].substring(0, eq), parseOr0(f[i].substring(eq + 1)));
                }
            }
            // Docker's v2 entries: lower-case ops, reads and writes only
            bytes.add(new ContainerStats.BlkioEntry(major, minor, "read", kv.getOrDefault("rbytes", 0L)));
            bytes.add(new ContainerStats.BlkioEntry(major, minor, "write", kv.getOrDefault("wbytes", 0L)));
            ops.add(new ContainerStats.BlkioEntry(major, minor, "read", kv.getOrDefault("rios", 0L)));
            ops.add(new ContainerStats.BlkioEntry(major, minor, "write", kv.getOrDefault("wios", 0L)));
        }
        return new ContainerStats(now, cpu, mem,
                new ContainerStats.Pids(number(dir.resolve("pids.current")).orElse(0),
                        number(dir.resolve("pids.max")).orElse(0)),
                new ContainerStats.Blkio(bytes, ops));
    }

    /** Docker shows the host's memory as the limit of a container that has none. */
    private static long capped(long limit, long machineMemory) {
        return machineMemory > 0 && limit > machineMemory ? machineMemory : limit;
    }

    private HostCpu hostCpu() throws IOException {
        long total = 0;
        int cpus = 0;
        for (String line : Files.readAllLines(proc.resolve("stat"))) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                // user nice system idle iowait irq softirq: Docker's sum (steal and guest left out)
                for (int i = 1; i <= 7 && i < f.length; i++) {
                    total += parseOr0(f[i]);
                }
            } else if (line.startsWith("cpu")) {
                cpus++;
            }
        }
        return new HostCpu(total * NANOS_PER_TICK, cpus);
    }

    private long machineMemory() throws IOException {
        for (String line : lines(proc.resolve("meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                String[] f = line.substring("MemTotal:".length()).trim().split("\\s+");
                return parseOr0(f[0]) * 1024;
            }
        }
        return 0;
    }

    /** v1 blkio lines "8:0 Read 4096", ending with "Total 4096" (no device: left out, as Docker does). */
    private static List<ContainerStats.BlkioEntry> blkioV1(Path dir, String file) throws IOException {
        List<String> lines = lines(dir.resolve(file + "_recursive"));
        if (lines.isEmpty()) {
            lines = lines(dir.resolve(file));
        }
        List<ContainerStats.BlkioEntry> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 3) {
                continue;
            }
            String[] dev = f[0].split(":");
            if (dev.length != 2) {
                continue;
            }
            out.add(new ContainerStats.BlkioEntry(parseOr0(dev[0]), parseOr0(dev[1]), f[1], parseOr0(f[2])));
        }
        return out;
    }

    private static List<Long> perCpu(Path file) throws IOException {
        List<Long> out = new ArrayList<>();
        for (String line : lines(file)) {
            for (String n : line.trim().split("\\s+")) {
                if (!n.isEmpty()) {
                    out.add(parseOr0(n));
                }
            }
        }
        return out;
    }

    /** "key value" lines (memory.stat, cpu.stat, cpuacct.stat, memory.events); empty when the file is missing. */
    private static Map<String, Long> keyValues(Path file) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : lines(file)) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2) {
                out.put(f[0], parseOr0(f[1]));
            }
        }
        return out;
    }

    /** A one-number file; "max" (no limit) and a missing file are empty. */
    private static OptionalLong number(Path file) throws IOException {
        List<String> l = lines(file);
        if (l.isEmpty() || l.getFirst().isBlank() || l.getFirst().trim().equals("max")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(parseOr0(l.getFirst().trim()));
    }

    private static List<String> lines(Path file) throws IOException {
        try {
            return Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /** Kernel counters are unsigned 64-bit; ones beyond a long (never in practice) read as the largest long. */
    private static long parseOr0(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return s.chars().allMatch(Character::isDigit) && !s.isEmpty() ? Long.MAX_VALUE : 0;
        }
    }
}

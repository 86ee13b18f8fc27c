package berth.container.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the host's cgroups can limit, for {@link ResourceRules}: Docker's {@code sysinfo}, read once
 * from the cgroup mounts. On a cgroup v1 (or hybrid) host each controller has its own hierarchy
 * under {@code /sys/fs/cgroup/<controller>}; on a pure v2 host the root's cgroup.controllers lists
 * them. Swap limits need swap accounting (v1: memory.memsw.* exists only when the kernel has it).
 *
 * @param cpus       CPUs this daemon may run on ("0-1"), the set {@code --cpuset-cpus} must stay in
 * @param mems       memory nodes ("0")
 * @param cpuCount   how many CPUs that is ({@code --cpus} may not ask for more)
 */
public record CgroupSupport(
        boolean memoryLimit,
        boolean swapLimit,
        boolean memoryReservation,
        boolean oomKillDisable,
        boolean pidsLimit,
        boolean cpuShares,
        boolean cpuCfs,
        boolean cpuset,
        boolean blkioWeight,
        String cpus,
        String mems,
        int cpuCount) {

    /** Everything supported, on {@code cpuCount} CPUs "0-(n-1)" and memory node 0: for tests. */
    public static CgroupSupport everything(int cpuCount) {
        return new CgroupSupport(true, true, true, true, true, true, true, true, true,
                cpuCount == 1 ? "0" : "0-" + (cpuCount - 1), "0", cpuCount);
    }

    /** Reads the host's support from {@code cgroupRoot} (/sys/fs/cgroup) and this process's CPU affinity. */
    public static CgroupSupport read(Path cgroupRoot) {
        String cpus = firstLine(cgroupRoot.resolve("cpuset/cpuset.effective_cpus"))
                .or(() -> firstLine(cgroupRoot.resolve("cpuset.cpus.effective")))
                .or(() -> allowedList("Cpus_allowed_list"))
                .orElse("0");
        String mems = firstLine(cgroupRoot.resolve("cpuset/cpuset.effective_mems"))
                .or(() -> firstLine(cgroupRoot.resolve("cpuset.mems.effective")))
                .or(() -> allowedList("Mems_allowed_list"))
                .orElse("0");
        int count = allowedList("Cpus_allowed_list").map(l -> CpuList.parse(l).size())
                .orElse(Runtime.getRuntime().availableProcessors());
        Path controllers = cgroupRoot.resolve("cgroup.controllers");
        if (Files.exists(controllers)) {
            List<String> have = List.of(firstLine(controllers).orElse("").split("\\s+"));
            boolean memory = have.contains("memory");
            boolean cpu = have.contains("cpu");
            // cgroup v2 has no switch to turn the OOM killer off (Docker reports the same)
            return new CgroupSupport(memory, memory, memory, false, have.contains("pids"), cpu, cpu,
                    have.contains("cpuset"), have.contains("io"), cpus, mems, count);
        }
        Path memory = cgroupRoot.resolve("memory");
        Path cpu = cgroupRoot.resolve("cpu");
        return new CgroupSupport(
                Files.exists(memory.resolve("memory.limit_in_bytes")),
                Files.exists(memory.resolve("memory.memsw.limit_in_bytes")),
                Files.exists(memory.resolve("memory.soft_limit_in_bytes")),
                Files.exists(memory.resolve("memory.oom_control")),
                Files.isDirectory(cgroupRoot.resolve("pids")),
                Files.exists(cpu.resolve("cpu.shares")),
                Files.exists(cpu.resolve("cpu.cfs_period_us")),
                Files.exists(cgroupRoot.resolve("cpuset/cpuset.cpus")),
                Files.exists(cgroupRoot.resolve("blkio/blkio.weight"))
                        || Files.exists(cgroupRoot.resolve("blkio/blkio.bfq.weight")),
                cpus, mems, count);
    }

    private static java.util.Optional<String> firstLine(Path p) {
        try {
            String s = Files.readString(p).strip();
            return s.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(s.lines().findFirst().orElse(""));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static java.util.Optional<String> allowedList(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return java.util.Optional.of(line.substring(key.length() + 1).strip());
                }
            }
        } catch (IOException e) {
            // fall through: callers have a default
        }
        return java.util.Optional.empty();
    }
}

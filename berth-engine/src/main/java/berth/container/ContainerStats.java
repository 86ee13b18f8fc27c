package berth.container;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One sample of a running container's resource use, as the kernel's cgroup files report it (raw
 * counters, not rates: the API turns two samples into the percentages {@code docker stats} shows).
 *
 * @param read when the sample was taken
 * @param cpu  cumulative CPU time of the container and, for comparison, of the whole host
 */
public record ContainerStats(Instant read, Cpu cpu, Memory memory, Pids pids, Blkio blkio) {

    /**
     * @param totalUsage        CPU time of all the container's tasks, nanoseconds
     * @param perCpuUsage       the same per CPU (empty where the kernel does not split it, cgroup v2)
     * @param kernelModeUsage   nanoseconds in kernel mode
     * @param userModeUsage     nanoseconds in user mode
     * @param systemUsage       CPU time of the whole host since boot, nanoseconds (Docker's
     *                          {@code system_cpu_usage}: /proc/stat's first line in clock ticks × 1e9 / 100)
     * @param onlineCpus        CPUs online on the host
     * @param periods           CFS periods that elapsed while the container had a quota
     * @param throttledPeriods  periods in which it was throttled
     * @param throttledTime     nanoseconds it was throttled for
     */
    public record Cpu(long totalUsage, List<Long> perCpuUsage, long kernelModeUsage, long userModeUsage,
            long systemUsage, int onlineCpus, long periods, long throttledPeriods, long throttledTime) {
        public Cpu {
            perCpuUsage = List.copyOf(perCpuUsage);
        }
    }

    /**
     * @param usage    bytes charged now (page cache included)
     * @param maxUsage the high-water mark (0 where the kernel keeps none, cgroup v2)
     * @param limit    the limit in bytes, never above the host's memory (Docker shows the host's
     *                 memory for a container without a limit)
     * @param failcnt  how often the limit was hit
     * @param stats    memory.stat as the kernel writes it (cache, rss, total_inactive_file, ...)
     */
    public record Memory(long usage, long maxUsage, long limit, long failcnt, Map<String, Long> stats) {
        public Memory {
            stats = Map.copyOf(stats);
        }
    }

    /** @param limit 0: unlimited */
    public record Pids(long current, long limit) {}

    /** Bytes and operations per block device, from blkio.throttle.* (v1) or io.stat (v2). */
    public record Blkio(List<BlkioEntry> serviceBytes, List<BlkioEntry> serviced) {
        public Blkio {
            serviceBytes = List.copyOf(serviceBytes);
            serviced = List.copyOf(serviced);
        }
    }

    /** @param op "Read", "Write", "Sync", "Async", "Discard" or "Total" (v1's spelling) */
    public record BlkioEntry(long major, long minor, String op, long value) {}
}

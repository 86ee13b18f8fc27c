package berth.api.wire;

import berth.container.ContainerStats;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /containers/{id}/stats} as dockerd writes it: snake_case keys (the one part of the API
 * that has them), Go's {@code omitempty} where dockerd has it, and empty lists as null. A sample
 * carries the previous one's CPU numbers as {@code precpu_stats}, so a client computes the CPU
 * share from one object: (Δ container CPU / Δ host CPU) × online CPUs × 100.
 */
public final class StatsDtos {
    private StatsDtos() {}

    public record Stats(
            @JsonProperty("read") String read,
            @JsonProperty("preread") String preread,
            @JsonProperty("pids_stats") PidsStats pidsStats,
            @JsonProperty("blkio_stats") BlkioStats blkioStats,
            @JsonProperty("num_procs") int numProcs,
            @JsonProperty("storage_stats") StorageStats storageStats,
            @JsonProperty("cpu_stats") CpuStats cpuStats,
            @JsonProperty("precpu_stats") CpuStats precpuStats,
            @JsonProperty("memory_stats") MemoryStats memoryStats,
            @JsonProperty("name") String name,
            @JsonProperty("id") String id) {}

    public record PidsStats(
            @JsonProperty("current") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long current,
            @JsonProperty("limit") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long limit) {}

    public record BlkioStats(
            @JsonProperty("io_service_bytes_recursive") List<BlkioEntry> ioServiceBytesRecursive,
            @JsonProperty("io_serviced_recursive") List<BlkioEntry> ioServicedRecursive,
            @JsonProperty("io_queue_recursive") List<BlkioEntry> ioQueueRecursive,
            @JsonProperty("io_service_time_recursive") List<BlkioEntry> ioServiceTimeRecursive,
            @JsonProperty("io_wait_time_recursive") List<BlkioEntry> ioWaitTimeRecursive,
            @JsonProperty("io_merged_recursive") List<BlkioEntry> ioMergedRecursive,
            @JsonProperty("io_time_recursive") List<BlkioEntry> ioTimeRecursive,
            @JsonProperty("sectors_recursive") List<BlkioEntry> sectorsRecursive) {}

    public record BlkioEntry(
            @JsonProperty("major") long major,
            @JsonProperty("minor") long minor,
            @JsonProperty("op") String op,
            @JsonProperty("value") long value) {}

    /** Always {} on Linux (the fields are Windows's). */
    public record StorageStats() {}

    public record CpuStats(
            @JsonProperty("cpu_usage") CpuUsage cpuUsage,
            @JsonProperty("system_cpu_usage") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long systemCpuUsage,
            @JsonProperty("online_cpus") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int onlineCpus,
            @JsonProperty("throttling_data") ThrottlingData throttlingData) {}

    public record CpuUsage(
            @JsonProperty("total_usage") long totalUsage,
            @JsonProperty("percpu_usage") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Long> percpuUsage,
            @JsonProperty("usage_in_kernelmode") long usageInKernelmode,
            @JsonProperty("usage_in_usermode") long usageInUsermode) {}

    public record ThrottlingData(
            @JsonProperty("periods") long periods,
            @JsonProperty("throttled_periods") long throttledPeriods,
            @JsonProperty("throttled_time") long throttledTime) {}

    public record MemoryStats(
            @JsonProperty("usage") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long usage,
            @JsonProperty("max_usage") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long maxUsage,
            @JsonProperty("stats") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> stats,
            @JsonProperty("failcnt") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long failcnt,
            @JsonProperty("limit") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long limit) {}

    private static final CpuStats NO_CPU = new CpuStats(new CpuUsage(0, List.of(), 0, 0), 0, 0,
            new ThrottlingData(0, 0, 0));

    /**
     * The wire object for one sample of container {@code id} named {@code containerName} (without
     * the slash; {@code now} empty: not running, all zeros as dockerd sends them) after the sample
     * {@code previous} (empty: none yet, zeros).
     */
    public static Stats of(String id, String containerName, Optional<ContainerStats> now,
            Optional<ContainerStats> previous) {
        String name = "/" + containerName;
        if (now.isEmpty()) {
            return new Stats(Times.ZERO, Times.ZERO, new PidsStats(0, 0), emptyBlkio(), 0, new StorageStats(), NO_CPU,
                    NO_CPU, new MemoryStats(0, 0, Map.of(), 0, 0), name, id);
        }
        ContainerStats s = now.get();
        ContainerStats.Memory m = s.memory();
        return new Stats(
                Times.rfc3339Nano(s.read()),
                previous.map(p -> Times.rfc3339Nano(p.read())).orElse(Times.ZERO),
                new PidsStats(s.pids().current(), s.pids().limit()),
                new BlkioStats(entries(s.blkio().serviceBytes()), entries(s.blkio().serviced()),
                        null, null, null, null, null, null),
                0,
                new StorageStats(),
                cpu(s.cpu()),
                previous.map(p -> cpu(p.cpu())).orElse(NO_CPU),
                new MemoryStats(m.usage(), m.maxUsage(), new java.util.TreeMap<>(m.stats()), m.failcnt(), m.limit()),
                name,
                id);
    }

    private static CpuStats cpu(ContainerStats.Cpu c) {
        return new CpuStats(new CpuUsage(c.totalUsage(), c.perCpuUsage(), c.kernelModeUsage(), c.userModeUsage()),
                c.systemUsage(), c.onlineCpus(), new ThrottlingData(c.periods(), c.throttledPeriods(), c.throttledTime()));
    }

    private static BlkioStats emptyBlkio() {
        return new BlkioStats(null, null, null, null, null, null, null, null);
    }

    /** Go's nil slice: no entries is null, not []. */
    private static List<BlkioEntry> entries(List<ContainerStats.BlkioEntry> l) {
        return l.isEmpty() ? null : l.stream().map(e -> new BlkioEntry(e.major(), e.minor(), e.op(), e.value())).toList();
    }

    /** {@code POST /containers/{id}/update}'s reply. */
    public record UpdateResponse(List<String> warnings) {}
}

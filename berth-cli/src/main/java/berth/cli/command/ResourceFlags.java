package berth.cli.command;

import static berth.cli.command.FlagValueException.parse;

import berth.cli.opts.ByteSizes;
import berth.cli.opts.Cpus;
import berth.cli.opts.GoNumbers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

/**
 * The resource flags {@code run}, {@code create} and {@code update} share. Values stay strings until
 * {@link #writeTo} so that a bad one is reported in docker's words, and nothing is sent.
 */
final class ResourceFlags {
    @Option(names = {"-m", "--memory"}, paramLabel = "BYTES", description = "Memory limit")
    String memory;

    @Option(names = "--memory-swap", paramLabel = "BYTES", description = "Swap limit equal to memory plus swap: '-1' to enable unlimited swap")
    String memorySwap;

    @Option(names = "--memory-reservation", paramLabel = "BYTES", description = "Memory soft limit")
    String memoryReservation;

    @Option(names = "--cpus", paramLabel = "DECIMAL", description = "Number of CPUs")
    String cpus;

    @Option(names = {"-c", "--cpu-shares"}, paramLabel = "INT", description = "CPU shares (relative weight)")
    String cpuShares;

    @Option(names = "--cpu-period", paramLabel = "INT", description = "Limit CPU CFS (Completely Fair Scheduler) period")
    String cpuPeriod;

    @Option(names = "--cpu-quota", paramLabel = "INT", description = "Limit CPU CFS (Completely Fair Scheduler) quota")
    String cpuQuota;

    @Option(names = "--cpuset-cpus", paramLabel = "CPUS", description = "CPUs in which to allow execution (0-3, 0,1)")
    String cpusetCpus;

    @Option(names = "--cpuset-mems", paramLabel = "MEMS", description = "MEMs in which to allow execution (0-3, 0,1)")
    String cpusetMems;

    @Option(names = "--pids-limit", paramLabel = "INT", description = "Tune container pids limit (set -1 for unlimited)")
    String pidsLimit;

    @Option(names = "--blkio-weight", paramLabel = "UINT16", description = "Block IO (relative weight), between 10 and 1000, or 0 to disable")
    String blkioWeight;

    /** Whether any resource flag was given (update needs at least one). */
    boolean anySet() {
        for (String s : new String[] {memory, memorySwap, memoryReservation, cpus, cpuShares, cpuPeriod, cpuQuota,
                cpusetCpus, cpusetMems, pidsLimit, blkioWeight}) {
            if (s != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes the fields as docker does: zero for what was not given (which update reads as
     * "unchanged"), PidsLimit only when given.
     */
    void writeTo(ObjectNode n) {
        n.put("CpuShares", cpuShares == null ? 0 : parse("-c, --cpu-shares", cpuShares, GoNumbers::parseLong));
        n.put("Memory", memory == null ? 0 : parse("-m, --memory", memory, ByteSizes::ramInBytes));
        n.put("NanoCpus", cpus == null ? 0 : parse("--cpus", cpus, Cpus::nanoCpus));
        n.put("BlkioWeight", blkioWeight == null ? 0 : parse("--blkio-weight", blkioWeight, ResourceFlags::uint16));
        n.put("CpuPeriod", cpuPeriod == null ? 0 : parse("--cpu-period", cpuPeriod, GoNumbers::parseLong));
        n.put("CpuQuota", cpuQuota == null ? 0 : parse("--cpu-quota", cpuQuota, GoNumbers::parseLong));
        n.put("CpusetCpus", cpusetCpus == null ? "" : cpusetCpus);
        n.put("CpusetMems", cpusetMems == null ? "" : cpusetMems);
        n.put("MemoryReservation", memoryReservation == null ? 0
                : parse("--memory-reservation", memoryReservation, ByteSizes::ramInBytes));
        n.put("MemorySwap", memorySwap == null ? 0 : parse("--memory-swap", memorySwap, ByteSizes::swapBytes));
        if (pidsLimit != null) {
            n.put("PidsLimit", parse("--pids-limit", pidsLimit, GoNumbers::parseLong));
        }
    }

    private static long uint16(String s) {
        if (!s.matches("\\+?\\d+")) {
            throw new berth.cli.opts.BadValueException("strconv.ParseUint: parsing \"" + s + "\": invalid syntax");
        }
        if (s.length() > 6 || Long.parseLong(s.replace("+", "")) > 65535) {
            throw new berth.cli.opts.BadValueException("strconv.ParseUint: parsing \"" + s + "\": value out of range");
        }
        return Long.parseLong(s.replace("+", ""));
    }
}

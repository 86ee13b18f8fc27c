package berth.container.local;

import berth.container.HostConfig.Resources;
import berth.errors.BerthException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Docker's checks and adjustments of a container's cgroup limits (moby's
 * {@code verifyPlatformContainerResources} and {@code adaptContainerSettings}), with its messages,
 * so a bad {@code --memory} or {@code --cpus} fails at create exactly as it does with Docker and
 * nothing is created. What the host cannot enforce is dropped with a warning, as Docker does,
 * rather than failing at start.
 */
public final class ResourceRules {
    /** Docker's floor for memory limits and reservations. */
    static final long MIN_MEMORY = 6L * 1024 * 1024;

    private final CgroupSupport host;

    public ResourceRules(CgroupSupport host) {
        this.host = host;
    }

    /** Limits as they will be stored and applied, and what was changed on the way. */
    public record Checked(Resources resources, List<String> warnings) {
        public Checked {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Validates the limits of a create request and fills in Docker's defaults (swap twice the memory,
     * "unlimited" pids as 0). INVALID_ARGUMENT with Docker's message for a bad value.
     */
    public Checked forCreate(Resources r) {
        List<String> warnings = new ArrayList<>();
        Resources v = verify(r, false, warnings);
        long swap = v.memory() > 0 && v.memorySwap() == 0 ? v.memory() * 2 : v.memorySwap();
        long pids = v.pidsLimit() < 0 ? 0 : v.pidsLimit();
        return new Checked(with(v, swap, pids), warnings);
    }

    /**
     * Validates the fields of an update request (zero: leave as is) and merges them into the
     * container's current limits, as moby's {@code UpdateContainer} does. CONFLICT for a request
     * that contradicts what is set ("Memory limit should be smaller than already set memoryswap
     * limit, ..."); INVALID_ARGUMENT for a bad value. A {@code pidsLimit} below 0 in the request
     * means "remove the limit": the merged value is then 0.
     */
    public Checked forUpdate(Resources current, Resources request) {
        List<String> warnings = new ArrayList<>();
        Resources q = verify(request, true, warnings);
        if (q.nanoCpus() > 0 && current.cpuPeriod() > 0) {
            throw BerthException.conflict("Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set");
        }
        if (q.nanoCpus() > 0 && current.cpuQuota() > 0) {
            throw BerthException.conflict("Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set");
        }
        if (q.cpuPeriod() > 0 && current.nanoCpus() > 0) {
            throw BerthException.conflict("Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set");
        }
        if (q.cpuQuota() > 0 && current.nanoCpus() > 0) {
            throw BerthException.conflict("Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set");
        }
        if (q.memory() != 0 && q.memory() > current.memorySwap() && q.memorySwap() == 0) {
            throw BerthException.conflict("Memory limit should be smaller than already set memoryswap limit, "
                    + "update the memoryswap at the same time");
        }
        Resources merged = new Resources(
                pick(q.memory(), current.memory()),
                pick(q.memorySwap(), current.memorySwap()),
                pick(q.memoryReservation(), current.memoryReservation()),
                pick(q.nanoCpus(), current.nanoCpus()),
                pick(q.cpuShares(), current.cpuShares()),
                pick(q.cpuPeriod(), current.cpuPeriod()),
                pick(q.cpuQuota(), current.cpuQuota()),
                q.cpusetCpus().isEmpty() ? current.cpusetCpus() : q.cpusetCpus(),
                q.cpusetMems().isEmpty() ? current.cpusetMems() : q.cpusetMems(),
                q.pidsLimit() == 0 ? current.pidsLimit() : Math.max(0, q.pidsLimit()),
                current.oomKillDisable(),
                current.ulimits(),
                pick(q.blkioWeight(), current.blkioWeight()));
        if (merged.memory() > 0 && merged.memorySwap() > 0 && merged.memorySwap() < merged.memory()) {
            throw BerthException.invalid("Minimum memoryswap limit should be larger than memory limit, see usage");
        }
        if (merged.memory() > 0 && merged.memoryReservation() > merged.memory()) {
            throw BerthException.invalid("Minimum memory limit can not be less than memory reservation limit, see usage");
        }
        return new Checked(merged, warnings);
    }

    /**
     * What to hand the runtime after an update: the merged limits, except that a request to remove
     * the pids limit (stored as 0, "not set") must reach the runtime as -1, or the old limit stays.
     */
    public static Resources toApply(Resources merged, Resources request) {
        return request.pidsLimit() < 0 ? with(merged, merged.memorySwap(), -1) : merged;
    }

    private static long pick(long requested, long current) {
        return requested != 0 ? requested : current;
    }

    /** moby's verifyPlatformContainerResources, in its order; returns the limits with unsupported ones dropped. */
    private Resources verify(Resources r, boolean update, List<String> warnings) {
        long memory = r.memory();
        long swap = r.memorySwap();
        long reservation = r.memoryReservation();
        boolean oomKillDisable = r.oomKillDisable();
        long pids = r.pidsLimit();
        if (memory < 0 || memory != 0 && memory < MIN_MEMORY) {
            throw BerthException.invalid("Minimum memory limit allowed is 6MB");
        }
        if (memory > 0 && !host.memoryLimit()) {
            warnings.add("Your kernel does not support memory limit capabilities or the cgroup is not mounted. Limitation discarded.");
            memory = 0;
            swap = -1;
        }
        if (memory > 0 && swap != -1 && !host.swapLimit()) {
            warnings.add("Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory limited without swap.");
            swap = -1;
        }
        if (memory > 0 && swap > 0 && swap < memory) {
            throw BerthException.invalid("Minimum memoryswap limit should be larger than memory limit, see usage");
        }
        if (memory == 0 && swap > 0 && !update) {
            throw BerthException.invalid("You should always set the Memory limit when using Memoryswap limit, see usage");
        }
        if (reservation > 0 && !host.memoryReservation()) {
            warnings.add("Your kernel does not support memory soft limit capabilities or the cgroup is not mounted. Limitation discarded.");
            reservation = 0;
        }
        if (reservation < 0 || reservation > 0 && reservation < MIN_MEMORY) {
            throw BerthException.invalid("Minimum memory reservation allowed is 6MB");
        }
        if (memory > 0 && reservation > 0 && memory < reservation) {
            throw BerthException.invalid("Minimum memory limit can not be less than memory reservation limit, see usage");
        }
        if (oomKillDisable && !host.oomKillDisable()) {
            warnings.add("Your kernel does not support OomKillDisable. OomKillDisable discarded.");
            oomKillDisable = false;
        }
        if (oomKillDisable && memory == 0 && !update) {
            warnings.add("OOM killer is disabled for the container, but no memory limit is set, this can result in the system running out of resources.");
        }
        if (pids != 0 && !host.pidsLimit()) {
            if (pids > 0) {
                warnings.add("Your kernel does not support PIDs limit capabilities or the cgroup is not mounted. PIDs limit discarded.");
            }
            pids = 0;
        }

        long nanoCpus = r.nanoCpus();
        long shares = r.cpuShares();
        long period = r.cpuPeriod();
        long quota = r.cpuQuota();
        if (nanoCpus > 0 && period > 0) {
            throw BerthException.invalid("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        }
        if (nanoCpus > 0 && quota > 0) {
            throw BerthException.invalid("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
        }
        if (nanoCpus > 0 && !host.cpuCfs()) {
            throw BerthException.invalid("NanoCPUs can not be set, as your kernel does not support CPU CFS scheduler or the cgroup is not mounted");
        }
        if (nanoCpus < 0 || nanoCpus > host.cpuCount() * 1_000_000_000L) {
            throw BerthException.invalid("Range of CPUs is from 0.01 to " + host.cpuCount() + ".00, as there are only "
                    + host.cpuCount() + " CPUs available");
        }
        if (shares > 0 && !host.cpuShares()) {
            warnings.add("Your kernel does not support CPU shares or the cgroup is not mounted. Shares discarded.");
            shares = 0;
        }
        if (shares < 0) {
            throw BerthException.invalid("Invalid value " + shares + " for CPU shares: it must not be negative");
        }
        if ((period != 0 || quota != 0) && !host.cpuCfs()) {
            warnings.add("Your kernel does not support CPU CFS scheduler. CPU period/quota discarded.");
            period = 0;
            quota = 0;
        }
        if (period != 0 && (period < 1000 || period > 1_000_000)) {
            throw BerthException.invalid("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        }
        if (quota > 0 && quota < 1000) {
            throw BerthException.invalid("CPU cfs quota can not be less than 1ms (i.e. 1000)");
        }

        String cpus = r.cpusetCpus();
        String mems = r.cpusetMems();
        if ((!cpus.isEmpty() || !mems.isEmpty()) && !host.cpuset()) {
            warnings.add("Your kernel does not support cpuset or the cgroup is not mounted. Cpuset discarded.");
            cpus = "";
            mems = "";
        }
        if (!subsetOf(cpus, host.cpus(), "cpuset cpus")) {
            throw BerthException.invalid("Requested CPUs are not available - requested " + cpus + ", available: " + host.cpus());
        }
        if (!subsetOf(mems, host.mems(), "cpuset mems")) {
            throw BerthException.invalid("Requested memory nodes are not available - requested " + mems + ", available: "
                    + host.mems());
        }

        long weight = r.blkioWeight();
        if (weight > 0 && !host.blkioWeight()) {
            warnings.add("Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.");
            weight = 0;
        }
        if (weight != 0 && (weight < 10 || weight > 1000)) {
            throw BerthException.invalid("Range of blkio weight is from 10 to 1000");
        }
        return new Resources(memory, swap, reservation, nanoCpus, shares, period, quota, cpus, mems, pids,
                oomKillDisable, r.ulimits(), weight);
    }

    private static boolean subsetOf(String requested, String available, String what) {
        Set<Integer> want;
        try {
            want = CpuList.parse(requested);
        } catch (IllegalArgumentException e) {
            throw BerthException.invalid("Invalid value " + requested + " for " + what + ": " + e.getMessage(), e);
        }
        Set<Integer> have;
        try {
            have = CpuList.parse(available);
        } catch (IllegalArgumentException e) {
            return true; // an odd host file: let the kernel judge rather than refuse everything
        }
        return have.containsAll(want);
    }

    private static Resources with(Resources v, long swap, long pids) {
        return new Resources(v.memory(), swap, v.memoryReservation(), v.nanoCpus(), v.cpuShares(), v.cpuPeriod(),
                v.cpuQuota(), v.cpusetCpus(), v.cpusetMems(), pids, v.oomKillDisable(), v.ulimits(), v.blkioWeight());
    }
}

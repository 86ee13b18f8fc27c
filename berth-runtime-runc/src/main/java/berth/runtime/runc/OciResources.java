package berth.runtime.runc;

import berth.container.HostConfig.Resources;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A container's cgroup limits as OCI {@code linux.resources} (memory, cpu, pids, blockIO), the way
 * Docker fills them: only what was asked for is written, so the kernel's defaults stay for the
 * rest. The same object goes into config.json at start and to {@code runc update --resources -}.
 *
 * <p>Docker's rules: a memory limit without a swap setting allows as much swap as memory (swap
 * total twice the memory); swap -1 is unlimited; {@code --cpus} becomes a CFS quota over a
 * 100 ms period; a pids limit below 0 means "no limit" (runc writes "max").
 */
final class OciResources {
    /** Docker's CFS period for {@code --cpus}, in microseconds. */
    static final long CPU_PERIOD = 100_000;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private OciResources() {}

    /** The limits as OCI resource sections, written into {@code target} (which may hold "devices" already). */
    static ObjectNode writeTo(ObjectNode target, Resources r) {
        ObjectNode memory = F.objectNode();
        if (r.memory() > 0) {
            memory.put("limit", r.memory());
            memory.put("swap", r.memorySwap() == 0 ? r.memory() * 2 : r.memorySwap());
        } else if (r.memorySwap() != 0) {
            memory.put("swap", r.memorySwap());
        }
        if (r.memoryReservation() > 0) {
            memory.put("reservation", r.memoryReservation());
        }
        if (r.oomKillDisable()) {
            memory.put("disableOOMKiller", true);
        }
        if (!memory.isEmpty()) {
            target.set("memory", memory);
        }

        ObjectNode cpu = F.objectNode();
        if (r.cpuShares() > 0) {
            cpu.put("shares", r.cpuShares());
        }
        if (r.nanoCpus() > 0) {
            cpu.put("quota", r.nanoCpus() * CPU_PERIOD / 1_000_000_000L);
            cpu.put("period", CPU_PERIOD);
        } else {
            if (r.cpuQuota() != 0) {
                cpu.put("quota", r.cpuQuota());
            }
            if (r.cpuPeriod() > 0) {
                cpu.put("period", r.cpuPeriod());
            }
        }
        if (!r.cpusetCpus().isEmpty()) {
            cpu.put("cpus", r.cpusetCpus());
        }
        if (!r.cpusetMems().isEmpty()) {
            cpu.put("mems", r.cpusetMems());
        }
        if (!cpu.isEmpty()) {
            target.set("cpu", cpu);
        }

        if (r.pidsLimit() != 0) {
            target.putObject("pids").put("limit", r.pidsLimit() > 0 ? r.pidsLimit() : -1);
        }
        if (r.blkioWeight() > 0) {
            target.putObject("blockIO").put("weight", r.blkioWeight());
        }
        return target;
    }

    /** Just the limits, for {@code runc update}. */
    static ObjectNode of(Resources r) {
        return writeTo(F.objectNode(), r);
    }
}

package berth.container.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.container.HostConfig.Resources;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceRulesTest {
    private static final long MB = 1024 * 1024;
    private final ResourceRules rules = new ResourceRules(CgroupSupport.everything(2));

    private static Resources memory(long memory, long swap, long reservation) {
        return new Resources(memory, swap, reservation, 0, 0, 0, 0, "", "", 0, false, List.of(), 0);
    }

    private static Resources cpu(long nanoCpus, long shares, long period, long quota, String cpus) {
        return new Resources(0, 0, 0, nanoCpus, shares, period, quota, cpus, "", 0, false, List.of(), 0);
    }

    private static Resources pids(long limit) {
        return new Resources(0, 0, 0, 0, 0, 0, 0, "", "", limit, false, List.of(), 0);
    }

    private void assertInvalid(Resources r, String message) {
        assertThatThrownBy(() -> rules.forCreate(r))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessage(message);
    }

    @Test
    void create_setsSwapToTwiceTheMemoryWhenUnset() {
        ResourceRules.Checked c = rules.forCreate(memory(64 * MB, 0, 0));
        assertThat(c.resources().memory()).isEqualTo(64 * MB);
        assertThat(c.resources().memorySwap()).isEqualTo(128 * MB);
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void create_keepsUnlimitedAndExplicitSwap() {
        assertThat(rules.forCreate(memory(64 * MB, -1, 0)).resources().memorySwap()).isEqualTo(-1);
        assertThat(rules.forCreate(memory(64 * MB, 100 * MB, 0)).resources().memorySwap()).isEqualTo(100 * MB);
        assertThat(rules.forCreate(Resources.NONE).resources()).isEqualTo(Resources.NONE);
    }

    @Test
    void create_rejectsMemoryBelowSixMegabytes() {
        assertInvalid(memory(4 * MB, 0, 0), "Minimum memory limit allowed is 6MB");
        assertInvalid(memory(-5, 0, 0), "Minimum memory limit allowed is 6MB");
    }

    @Test
    void create_rejectsSwapBelowMemoryAndSwapWithoutMemory() {
        assertInvalid(memory(64 * MB, 32 * MB, 0), "Minimum memoryswap limit should be larger than memory limit, see usage");
        assertInvalid(memory(0, 32 * MB, 0), "You should always set the Memory limit when using Memoryswap limit, see usage");
    }

    @Test
    void create_rejectsReservationAboveLimitOrTooSmall() {
        assertInvalid(memory(64 * MB, 0, 128 * MB),
                "Minimum memory limit can not be less than memory reservation limit, see usage");
        assertInvalid(memory(0, 0, 1 * MB), "Minimum memory reservation allowed is 6MB");
        assertThat(rules.forCreate(memory(64 * MB, 0, 32 * MB)).resources().memoryReservation()).isEqualTo(32 * MB);
    }

    @Test
    void create_rejectsMoreCpusThanTheHostHas() {
        assertInvalid(cpu(3_000_000_000L, 0, 0, 0, ""), "Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available");
        assertInvalid(cpu(-1, 0, 0, 0, ""), "Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available");
        assertThat(rules.forCreate(cpu(1_500_000_000L, 0, 0, 0, "")).resources().nanoCpus()).isEqualTo(1_500_000_000L);
    }

    @Test
    void create_rejectsCpusTogetherWithPeriodOrQuota() {
        assertInvalid(cpu(1_000_000_000L, 0, 100_000, 0, ""), "Conflicting options: Nano CPUs and CPU Period cannot both be set");
        assertInvalid(cpu(1_000_000_000L, 0, 0, 50_000, ""), "Conflicting options: Nano CPUs and CPU Quota cannot both be set");
        assertInvalid(cpu(0, 0, 500, 0, ""),
                "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        assertInvalid(cpu(0, 0, 0, 999, ""), "CPU cfs quota can not be less than 1ms (i.e. 1000)");
    }

    @Test
    void create_rejectsCpusetOutsideTheHostOrMalformed() {
        assertInvalid(cpu(0, 0, 0, 0, "5"), "Requested CPUs are not available - requested 5, available: 0-1");
        assertInvalid(cpu(0, 0, 0, 0, "0-3"), "Requested CPUs are not available - requested 0-3, available: 0-1");
        assertInvalid(cpu(0, 0, 0, 0, "a"), "Invalid value a for cpuset cpus: invalid format: a");
        assertInvalid(cpu(0, 0, 0, 0, "1-0"), "Invalid value 1-0 for cpuset cpus: invalid format: 1-0");
        assertThat(rules.forCreate(cpu(0, 0, 0, 0, "0,1")).resources().cpusetCpus()).isEqualTo("0,1");
    }

    @Test
    void create_treatsNegativePidsLimitAsUnlimited() {
        assertThat(rules.forCreate(pids(-1)).resources().pidsLimit()).isZero();
        assertThat(rules.forCreate(pids(20)).resources().pidsLimit()).isEqualTo(20);
    }

    @Test
    void create_dropsSwapWithAWarningWhenTheKernelHasNoSwapAccounting() {
        CgroupSupport all = CgroupSupport.everything(2);
        CgroupSupport noSwap = new CgroupSupport(true, false, true, true, true, true, true, true, true, all.cpus(),
                all.mems(), all.cpuCount());
        ResourceRules.Checked c = new ResourceRules(noSwap).forCreate(memory(64 * MB, 0, 0));
        assertThat(c.resources().memorySwap()).isEqualTo(-1);
        assertThat(c.warnings()).containsExactly(
                "Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory limited without swap.");
    }

    @Test
    void create_warnsWhenTheOomKillerIsDisabledWithoutALimit() {
        Resources r = new Resources(0, 0, 0, 0, 0, 0, 0, "", "", 0, true, List.of(), 0);
        assertThat(rules.forCreate(r).warnings()).containsExactly("OOM killer is disabled for the container, but no memory "
                + "limit is set, this can result in the system running out of resources.");
    }

    @Test
    void create_rejectsBlkioWeightOutOfRange() {
        Resources r = new Resources(0, 0, 0, 0, 0, 0, 0, "", "", 0, false, List.of(), 5);
        assertInvalid(r, "Range of blkio weight is from 10 to 1000");
    }

    @Test
    void update_changesOnlyTheFieldsGiven() {
        Resources current = rules.forCreate(new Resources(64 * MB, 0, 0, 1_000_000_000L, 512, 0, 0, "0", "", 50, false,
                List.of(), 0)).resources();
        Resources merged = rules.forUpdate(current, cpu(2_000_000_000L, 0, 0, 0, "")).resources();
        assertThat(merged.nanoCpus()).isEqualTo(2_000_000_000L);
        assertThat(merged.memory()).isEqualTo(64 * MB);
        assertThat(merged.memorySwap()).isEqualTo(128 * MB);
        assertThat(merged.cpuShares()).isEqualTo(512);
        assertThat(merged.cpusetCpus()).isEqualTo("0");
        assertThat(merged.pidsLimit()).isEqualTo(50);
    }

    @Test
    void update_refusesMemoryAboveTheSwapSetWithoutNewSwap() {
        Resources current = rules.forCreate(memory(64 * MB, 0, 0)).resources();
        assertThatThrownBy(() -> rules.forUpdate(current, memory(256 * MB, 0, 0)))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT))
                .hasMessage("Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time");
        Resources raised = rules.forUpdate(current, memory(256 * MB, 512 * MB, 0)).resources();
        assertThat(raised.memory()).isEqualTo(256 * MB);
        assertThat(raised.memorySwap()).isEqualTo(512 * MB);
        assertThat(rules.forUpdate(current, memory(100 * MB, 0, 0)).resources().memorySwap()).isEqualTo(128 * MB);
    }

    @Test
    void update_refusesCpusWhenPeriodIsSetAndTheOtherWayRound() {
        Resources withPeriod = rules.forCreate(cpu(0, 0, 100_000, 50_000, "")).resources();
        assertThatThrownBy(() -> rules.forUpdate(withPeriod, cpu(1_000_000_000L, 0, 0, 0, "")))
                .hasMessage("Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set");
        Resources withCpus = rules.forCreate(cpu(1_000_000_000L, 0, 0, 0, "")).resources();
        assertThatThrownBy(() -> rules.forUpdate(withCpus, cpu(0, 0, 0, 50_000, "")))
                .hasMessage("Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set");
    }

    @Test
    void update_validatesValuesAsCreateDoes() {
        assertThatThrownBy(() -> rules.forUpdate(Resources.NONE, cpu(0, 0, 0, 0, "7")))
                .hasMessage("Requested CPUs are not available - requested 7, available: 0-1");
    }

    @Test
    void update_removesThePidsLimitAndTellsTheRuntimeSo() {
        Resources current = rules.forCreate(pids(20)).resources();
        Resources merged = rules.forUpdate(current, pids(-1)).resources();
        assertThat(merged.pidsLimit()).isZero();
        assertThat(ResourceRules.toApply(merged, pids(-1)).pidsLimit()).isEqualTo(-1);
        assertThat(ResourceRules.toApply(merged, Resources.NONE).pidsLimit()).isZero();
    }

    @Test
    void cpuList_parsesRangesAndLists() {
        assertThat(CpuList.parse("0-2,5")).containsExactly(0, 1, 2, 5);
        assertThat(CpuList.parse("")).isEmpty();
        assertThatThrownBy(() -> CpuList.parse("0-99999999")).hasMessage("invalid format: 0-99999999");
        assertThatThrownBy(() -> CpuList.parse("1,,2")).hasMessage("invalid format: 1,,2");
    }
}

package berth.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;

import berth.container.HostConfig.Resources;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class OciResourcesTest {
    private static final long MB = 1024 * 1024;

    @Test
    void noLimits_writeNothing() {
        assertThat(OciResources.of(Resources.NONE).isEmpty()).isTrue();
    }

    @Test
    void memory_withoutSwapGetsTwiceTheMemory() {
        ObjectNode r = OciResources.of(new Resources(64 * MB, 0, 32 * MB, 0, 0, 0, 0, "", "", 0, true, List.of(), 0));
        assertThat(r.toString()).isEqualTo("{\"memory\":{\"limit\":67108864,\"swap\":134217728,"
                + "\"reservation\":33554432,\"disableOOMKiller\":true}}");
    }

    @Test
    void memory_keepsUnlimitedSwap() {
        ObjectNode r = OciResources.of(new Resources(64 * MB, -1, 0, 0, 0, 0, 0, "", "", 0, false, List.of(), 0));
        assertThat(r.path("memory").path("swap").asLong()).isEqualTo(-1);
    }

    @Test
    void cpus_becomeAQuotaOverDockersPeriod() {
        ObjectNode r = OciResources.of(new Resources(0, 0, 0, 1_500_000_000L, 512, 0, 0, "0-1", "0", 0, false, List.of(), 0));
        assertThat(r.toString()).isEqualTo(
                "{\"cpu\":{\"shares\":512,\"quota\":150000,\"period\":100000,\"cpus\":\"0-1\",\"mems\":\"0\"}}");
    }

    @Test
    void periodAndQuota_passAsGiven() {
        ObjectNode r = OciResources.of(new Resources(0, 0, 0, 0, 0, 50_000, 25_000, "", "", 0, false, List.of(), 0));
        assertThat(r.path("cpu").path("period").asLong()).isEqualTo(50_000);
        assertThat(r.path("cpu").path("quota").asLong()).isEqualTo(25_000);
    }

    @Test
    void pids_andBlkioWeight() {
        assertThat(OciResources.of(new Resources(0, 0, 0, 0, 0, 0, 0, "", "", 20, false, List.of(), 300)).toString())
                .isEqualTo("{\"pids\":{\"limit\":20},\"blockIO\":{\"weight\":300}}");
        // an update that removes the limit: runc writes "max" for -1
        assertThat(OciResources.of(new Resources(0, 0, 0, 0, 0, 0, 0, "", "", -1, false, List.of(), 0)).toString())
                .isEqualTo("{\"pids\":{\"limit\":-1}}");
    }

    @Test
    void writeTo_keepsWhatIsThere() {
        ObjectNode target = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        target.putArray("devices");
        OciResources.writeTo(target, new Resources(0, 0, 0, 0, 0, 0, 0, "", "", 5, false, List.of(), 0));
        assertThat(target.has("devices")).isTrue();
        assertThat(target.path("pids").path("limit").asLong()).isEqualTo(5);
    }
}

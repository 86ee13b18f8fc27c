package berth.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import berth.api.http.Json;
import berth.container.ContainerStats;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatsDtosTest {
    private static final String ID = "a".repeat(64);

    private static ContainerStats sample(Instant at, long cpu, long system) {
        return new ContainerStats(at,
                new ContainerStats.Cpu(cpu, List.of(cpu / 2, cpu / 2), 10, 20, system, 2, 0, 0, 0),
                new ContainerStats.Memory(4096, 8192, 64L << 20, 0, Map.of("total_inactive_file", 1024L)),
                new ContainerStats.Pids(3, 0),
                new ContainerStats.Blkio(List.of(new ContainerStats.BlkioEntry(8, 0, "Read", 512)), List.of()));
    }

    private static JsonNode json(Object dto) throws Exception {
        return Json.MAPPER.readTree(Json.bytes(dto));
    }

    @Test
    void sample_hasDockersKeysAndThePreviousCpuAsPrecpu() throws Exception {
        Instant t0 = Instant.parse("2025-01-02T03:04:05.000000001Z");
        Instant t1 = t0.plusSeconds(1);
        JsonNode j = json(StatsDtos.of(ID, "web", Optional.of(sample(t1, 3000, 9000)), Optional.of(sample(t0, 1000, 5000))));

        assertThat(j.path("name").asText()).isEqualTo("/web");
        assertThat(j.path("id").asText()).isEqualTo(ID);
        assertThat(j.path("read").asText()).isEqualTo("2025-01-02T03:04:06.000000001Z");
        assertThat(j.path("preread").asText()).isEqualTo("2025-01-02T03:04:05.000000001Z");
        JsonNode cpu = j.path("cpu_stats");
        assertThat(cpu.path("cpu_usage").path("total_usage").asLong()).isEqualTo(3000);
        assertThat(cpu.path("cpu_usage").path("percpu_usage")).hasSize(2);
        assertThat(cpu.path("cpu_usage").path("usage_in_kernelmode").asLong()).isEqualTo(10);
        assertThat(cpu.path("cpu_usage").path("usage_in_usermode").asLong()).isEqualTo(20);
        assertThat(cpu.path("system_cpu_usage").asLong()).isEqualTo(9000);
        assertThat(cpu.path("online_cpus").asInt()).isEqualTo(2);
        assertThat(cpu.path("throttling_data").path("throttled_periods").isNumber()).isTrue();
        assertThat(j.path("precpu_stats").path("cpu_usage").path("total_usage").asLong()).isEqualTo(1000);
        assertThat(j.path("precpu_stats").path("system_cpu_usage").asLong()).isEqualTo(5000);
        JsonNode mem = j.path("memory_stats");
        assertThat(mem.path("usage").asLong()).isEqualTo(4096);
        assertThat(mem.path("max_usage").asLong()).isEqualTo(8192);
        assertThat(mem.path("limit").asLong()).isEqualTo(64L << 20);
        assertThat(mem.path("stats").path("total_inactive_file").asLong()).isEqualTo(1024);
        assertThat(mem.has("failcnt")).as("omitempty as in dockerd").isFalse();
        assertThat(j.path("pids_stats").path("current").asLong()).isEqualTo(3);
        assertThat(j.path("pids_stats").has("limit")).isFalse();
        JsonNode read = j.path("blkio_stats").path("io_service_bytes_recursive").get(0);
        assertThat(read.path("major").asLong()).isEqualTo(8);
        assertThat(read.path("op").asText()).isEqualTo("Read");
        assertThat(read.path("value").asLong()).isEqualTo(512);
        assertThat(j.path("blkio_stats").path("io_serviced_recursive").isNull()).isTrue();
        assertThat(j.path("num_procs").asInt()).isZero();
        assertThat(j.path("storage_stats").isObject()).isTrue();
    }

    @Test
    void firstSample_hasZeroPrecpuWithoutSystemUsage() throws Exception {
        JsonNode j = json(StatsDtos.of(ID, "web", Optional.of(sample(Instant.now(), 5, 6)), Optional.empty()));
        assertThat(j.path("preread").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(j.path("precpu_stats").path("cpu_usage").path("total_usage").asLong()).isZero();
        assertThat(j.path("precpu_stats").has("system_cpu_usage")).isFalse();
        assertThat(j.path("precpu_stats").path("cpu_usage").has("percpu_usage")).isFalse();
    }

    @Test
    void stoppedContainer_isAllZerosWithNameAndId() throws Exception {
        JsonNode j = json(StatsDtos.of(ID, "web", Optional.empty(), Optional.empty()));
        assertThat(j.path("read").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(j.path("memory_stats").isEmpty()).isTrue();
        assertThat(j.path("pids_stats").isEmpty()).isTrue();
        assertThat(j.path("cpu_stats").path("cpu_usage").path("total_usage").asLong()).isZero();
        assertThat(j.path("name").asText()).isEqualTo("/web");
    }

    @Test
    void updateReply_isWarnings() throws Exception {
        assertThat(json(new StatsDtos.UpdateResponse(List.of("w"))).toString()).isEqualTo("{\"Warnings\":[\"w\"]}");
    }
}

package berth.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import berth.client.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsRowTest {
    private static final String SAMPLE = """
            {"id":"4f2b8c1d9e0a11223344","name":"/web",
             "cpu_stats":{"cpu_usage":{"total_usage":400000000},"system_cpu_usage":20000000000,"online_cpus":4},
             "precpu_stats":{"cpu_usage":{"total_usage":200000000},"system_cpu_usage":10000000000},
             "memory_stats":{"usage":10485760,"limit":104857600,"stats":{"total_inactive_file":2097152}},
             "networks":{"eth0":{"rx_bytes":1500,"tx_bytes":500},"eth1":{"rx_bytes":500,"tx_bytes":0}},
             "blkio_stats":{"io_service_bytes_recursive":[{"op":"Read","value":4096},{"op":"Write","value":1000000},{"op":"Total","value":1}]},
             "pids_stats":{"current":3}}
            """;

    @Test
    void row_usesDockersFormulas() {
        StatsRow r = StatsRow.of("web", Json.parse(SAMPLE.getBytes(StandardCharsets.UTF_8)), false);
        // cpu: (0.2e9 / 10e9) * 4 cpus * 100 = 8%; memory: 10 MiB - 2 MiB inactive file = 8 MiB of 100 MiB
        assertThat(r.field("CPUPerc")).isEqualTo("8.00%");
        assertThat(r.field("MemUsage")).isEqualTo("8MiB / 100MiB");
        assertThat(r.field("MemPerc")).isEqualTo("8.00%");
        assertThat(r.field("NetIO")).isEqualTo("2kB / 500B");
        assertThat(r.field("BlockIO")).isEqualTo("4.1kB / 1MB");
        assertThat(r.field("PIDs")).isEqualTo("3");
        assertThat(r.field("ID")).isEqualTo("4f2b8c1d9e0a");
        assertThat(r.field("Name")).isEqualTo("web");
    }

    @Test
    void table_hasDockersHeaders_andWaitingRowsShowDashes() {
        String out = OutputFormat.of(null, StatsRow.DEFAULT_TABLE)
                .render(List.of(StatsRow.waiting("web", "web", false)), StatsRow.HEADERS);
        assertThat(out.lines().findFirst().orElseThrow())
                .matches("CONTAINER ID +NAME +CPU % +MEM USAGE / LIMIT +MEM % +NET I/O +BLOCK I/O +PIDS");
        assertThat(out.lines().skip(1).findFirst().orElseThrow()).matches("web +-- +-- +-- / -- +-- +-- +-- +--");
    }

    @Test
    void noCpuDelta_isZeroPercent() {
        StatsRow r = StatsRow.of("x", Json.parse("{\"cpu_stats\":{},\"precpu_stats\":{}}".getBytes(StandardCharsets.UTF_8)), true);
        assertThat(r.field("CPUPerc")).isEqualTo("0.00%");
        assertThat(r.field("MemPerc")).isEqualTo("0.00%");
    }
}

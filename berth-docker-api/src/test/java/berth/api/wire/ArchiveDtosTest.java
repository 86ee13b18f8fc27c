package berth.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import berth.api.http.Json;
import berth.container.FileChange;
import berth.container.PathStat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchiveDtosTest {
    @Test
    void goFileMode_putsTheFileTypeInGosBits() {
        assertThat(ArchiveDtos.goFileMode(0100644)).isEqualTo(0644L);
        assertThat(ArchiveDtos.goFileMode(0040755)).isEqualTo((1L << 31) | 0755);
        assertThat(ArchiveDtos.goFileMode(0120777)).isEqualTo((1L << 27) | 0777);
        assertThat(ArchiveDtos.goFileMode(0020666)).isEqualTo((1L << 26) | (1L << 21) | 0666);
        assertThat(ArchiveDtos.goFileMode(0041777)).isEqualTo((1L << 31) | (1L << 20) | 0777);
        assertThat(ArchiveDtos.goFileMode(0104755)).isEqualTo((1L << 23) | 0755);
    }

    @Test
    void pathStat_isTheLowerCaseJsonTheCliDecodes() {
        String json = new String(Json.bytes(ArchiveDtos.pathStat(new PathStat("etc", 4096, 0040755,
                Instant.parse("2026-01-02T03:04:05.5Z"), ""))), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"name\":\"etc\",\"size\":4096,\"mode\":2147484141,"
                + "\"mtime\":\"2026-01-02T03:04:05.5Z\",\"linkTarget\":\"\"}");
    }

    @Test
    void changes_areNullWhenNothingChanged() {
        assertThat(ArchiveDtos.changes(List.of())).isNull();
        assertThat(new String(Json.bytes(ArchiveDtos.changes(List.of(new FileChange("/x", FileChange.Kind.ADDED)))),
                StandardCharsets.UTF_8)).isEqualTo("[{\"Path\":\"/x\",\"Kind\":1}]");
    }
}

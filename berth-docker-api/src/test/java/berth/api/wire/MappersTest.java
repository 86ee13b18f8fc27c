package berth.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import berth.api.http.ApiVersion;
import berth.api.http.Json;
import berth.content.Digest;
import berth.image.HistoryEntry;
import berth.image.Image;
import berth.image.ImageConfig;
import berth.logs.LogEntry;
import berth.logs.StreamType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MappersTest {
    static final Digest ID = Digest.sha256("x".getBytes(StandardCharsets.UTF_8));

    static Image image() {
        ImageConfig cfg = new ImageConfig(Optional.of("app"), List.of("A=1"), Optional.empty(), Optional.of(List.of("sh")),
                Optional.of("/w"), Map.of("k", "v"), List.of("80/tcp"), List.of("/data"), Optional.empty());
        return new Image(ID, List.of("x:v1"), List.of(), "", "c", Instant.parse("2024-05-06T07:08:09.1Z"), "me", "amd64",
                "linux", cfg, List.of(ID), List.of(
                        new HistoryEntry(Optional.of(Instant.ofEpochSecond(10)), "ADD x /", "", false),
                        new HistoryEntry(Optional.of(Instant.ofEpochSecond(20)), "CMD sh", "", true)), 99);
    }

    @Test
    void inspect_hasDockersShape() {
        String json = new String(Json.bytes(ImageMapper.inspect(image(), List.of(Path.of("/l/2"), Path.of("/l/1")),
                new ApiVersion(1, 41))), StandardCharsets.UTF_8);
        assertThat(json).contains("\"Id\":\"" + ID + "\"").contains("\"Created\":\"2024-05-06T07:08:09.1Z\"")
                .contains("\"ExposedPorts\":{\"80/tcp\":{}}").contains("\"Volumes\":{\"/data\":{}}")
                .contains("\"Entrypoint\":null").contains("\"Cmd\":[\"sh\"]")
                .contains("\"GraphDriver\":{\"Name\":\"overlay2\",\"Data\":{\"LowerDir\":\"/l/1\",\"UpperDir\":\"/l/2\"}}")
                .contains("\"RootFS\":{\"Type\":\"layers\",\"Layers\":[\"" + ID + "\"]}")
                .contains("\"VirtualSize\":99").contains("\"Metadata\":{\"LastTagTime\":\"0001-01-01T00:00:00Z\"}");
    }

    @Test
    void history_isNewestFirstWithMissingIdsBelowTheTop() {
        var h = ImageMapper.history(berth.image.ImageService.historyOf(image()));
        assertThat(h).extracting(ImageDtos.HistoryItem::id).containsExactly(ID.toString(), "<missing>");
        assertThat(h.getFirst().createdBy()).isEqualTo("CMD sh");
        assertThat(h.getFirst().tags()).containsExactly("x:v1");
        assertThat(h.get(1).tags()).isNull();
    }

    @Test
    void command_quotesArgsWithSpaces() {
        assertThat(ContainerMapper.command("sh", List.of("-c", "echo hi"))).isEqualTo("sh -c 'echo hi'");
        assertThat(ContainerMapper.command("true", List.of())).isEqualTo("true");
    }

    @Test
    void frames_haveTheEightByteHeaderUnlessTty() {
        LogEntry e = new LogEntry(StreamType.STDERR, Instant.EPOCH, "ab".getBytes(StandardCharsets.UTF_8));
        assertThat(StreamFrames.encode(e, false, false)).containsExactly(2, 0, 0, 0, 0, 0, 0, 2, 'a', 'b');
        assertThat(StreamFrames.encode(e, true, false)).containsExactly('a', 'b');
        assertThat(new String(StreamFrames.encode(e, true, true), StandardCharsets.UTF_8))
                .isEqualTo("1970-01-01T00:00:00.000000000Z ab");
    }
}

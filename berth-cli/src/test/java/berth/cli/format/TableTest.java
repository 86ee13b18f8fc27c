package berth.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void tabWriter_padsColumnsToWidestPlusThreeWithMinimumTen() {
        String out = TabWriter.align(List.of("A\tLONGER HEADER\tLAST", "abcdefghijk\tx\ty"));

        assertThat(out).isEqualTo("A             LONGER HEADER   LAST\nabcdefghijk   x               y\n");
    }

    @Test
    void psDefaultTable_looksLikeDockers() throws Exception {
        JsonNode c = json("""
                {"Id":"4f2b8c1d9e0a11223344556677889900aabbccddeeff00112233445566778899","Names":["/web"],
                 "Image":"busybox","Command":"sh -c 'sleep 1000; echo done'","Created":1699999995,
                 "Status":"Up 4 seconds","State":"running",
                 "Ports":[{"IP":"127.0.0.1","PrivatePort":80,"PublicPort":8080,"Type":"tcp"},{"PrivatePort":53,"Type":"udp"}]}""");

        String out = OutputFormat.of(null, ContainerRow.DEFAULT_TABLE).render(List.of(new ContainerRow(c, true, NOW)), ContainerRow.HEADERS);

        assertThat(out.lines().toList()).containsExactly(
                "CONTAINER ID   IMAGE     COMMAND                  CREATED         STATUS         PORTS                            NAMES",
                "4f2b8c1d9e0a   busybox   \"sh -c 'sleep 1000; …\"   5 seconds ago   Up 4 seconds   53/udp, 127.0.0.1:8080->80/tcp   web");
    }

    @Test
    void customTable_rendersHeadersFromTheSameTemplate() throws Exception {
        JsonNode c = json("{\"Id\":\"abcdef0123456789\",\"Names\":[\"/a\"],\"Labels\":{\"k\":\"v\"}}");

        String out = OutputFormat.of("table {{.ID}}\\t{{.Names}}\\t{{.Label \"k\"}}", "").render(
                List.of(new ContainerRow(c, true, NOW)), ContainerRow.HEADERS);

        assertThat(out).isEqualTo("CONTAINER ID   NAMES     LABEL\nabcdef012345   a         v\n");
    }

    @Test
    void plainFormat_printsOneLinePerRowWithoutHeader() throws Exception {
        JsonNode c = json("{\"Id\":\"abcdef0123456789\",\"Names\":[\"/a\"],\"State\":\"exited\"}");

        String out = OutputFormat.of("{{.Names}}:{{.State}}", "").render(List.of(new ContainerRow(c, true, NOW)), ContainerRow.HEADERS);

        assertThat(out).isEqualTo("a:exited\n");
    }

    @Test
    void imagesTable_splitsTagsAndShowsDanglingAsNone() throws Exception {
        JsonNode tagged = json("""
                {"Id":"sha256:0123456789abcdef0123","RepoTags":["busybox:latest","localhost:5000/bb:v1"],
                 "Created":1699996400,"Size":4261000}""");
        JsonNode dangling = json("{\"Id\":\"sha256:fedcba9876543210ff\",\"RepoTags\":[],\"Created\":1699999999,\"Size\":1000}");
        List<ImageRow> rows = new java.util.ArrayList<>(ImageRow.rowsOf(tagged, true, NOW));
        rows.addAll(ImageRow.rowsOf(dangling, true, NOW));

        String out = OutputFormat.of("", ImageRow.DEFAULT_TABLE).render(rows, ImageRow.HEADERS);

        assertThat(out.lines().toList()).containsExactly(
                "REPOSITORY          TAG       IMAGE ID       CREATED             SIZE",
                "busybox             latest    0123456789ab   About an hour ago   4.26MB",
                "localhost:5000/bb   v1        0123456789ab   About an hour ago   4.26MB",
                "<none>              <none>    fedcba987654   1 second ago        1kB");
    }
}
